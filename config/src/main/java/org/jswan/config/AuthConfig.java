package org.jswan.config;

import java.util.List;

/**
 * One local or remote authentication round ({@code connections.<conn>.local<suffix>} /
 * {@code remote<suffix>}), RFC 4739 multiple authentication when there are several.
 *
 * @param name       section name, e.g. {@code local} or {@code remote-eap}
 * @param round      explicit {@code round} value (rounds are sorted by it, then by file order)
 * @param auth       method: {@code pubkey}, {@code psk}, {@code eap[-method]}, {@code xauth[-backend]}, or a
 *                   constraint such as {@code rsa-2048-sha256}
 * @param id         IKE identity; null if not set (local: taken from the certificate; remote: {@code %any})
 * @param eapId      EAP identity, null if not set
 * @param certs      certificate file names (relative to the x509 folder, or absolute)
 * @param cacerts    CA certificates to accept (remote rounds; relative to x509ca)
 * @param pubkeys    raw public key files
 * @param revocation remote certificate revocation policy
 * @param position   where the section starts
 */
public record AuthConfig(String name, int round, String auth, String id, String eapId, List<String> certs,
                         List<String> cacerts, List<String> pubkeys, Revocation revocation,
                         SourcePosition position) {

    /** swanctl.conf remote{@literal <suffix>}.revocation. */
    public enum Revocation { STRICT, IFURI, RELAXED }

    public AuthConfig {
        certs = List.copyOf(certs);
        cacerts = List.copyOf(cacerts);
        pubkeys = List.copyOf(pubkeys);
    }

    /** The auth class keyword: {@code pubkey}, {@code psk}, {@code eap}, {@code xauth}. */
    public String method() {
        if (auth.equals("psk") || auth.equals("pubkey")) {
            return auth;
        }
        if (auth.startsWith("eap")) {
            return "eap";
        }
        if (auth.startsWith("xauth")) {
            return "xauth";
        }
        return "pubkey";
    }
}
