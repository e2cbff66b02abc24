package org.jswan.ike.peer;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jswan.ike.auth.Identity;

/**
 * One authentication round of one side ({@code local} or {@code remote} in swanctl.conf).
 *
 * @param method      {@code psk} or {@code pubkey}
 * @param id          the identity; for {@code local} null means the certificate subject (pubkey) or the IP address
 *                    (psk); for {@code remote} {@link Identity#ANY} accepts any authenticated identity
 * @param certs       our certificate chain, end entity first (local pubkey rounds only)
 * @param privateKey  the key of {@code certs.get(0)} (local pubkey rounds only)
 * @param cacerts     CA certificates the peer's certificate must chain to (remote rounds); empty means any trusted CA
 */
public record AuthSpec(String method, Identity id, List<X509Certificate> certs, PrivateKey privateKey,
                       List<X509Certificate> cacerts) {

    public AuthSpec {
        certs = List.copyOf(certs);
        cacerts = List.copyOf(cacerts);
    }

    public boolean psk() {
        return "psk".equals(method);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AuthSpec[" + method + ", id=" + id + ", certs=" + certs.size() + "]";
    }
}
