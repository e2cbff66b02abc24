package org.jswan.ike.proposal;

import java.util.List;

/**
 * The proposals used when none are configured, or for the {@code default} keyword: strongSwan 5.9's defaults
 * (libstrongswan {@code proposal_create_default}/{@code proposal_create_default_aead} as combined by swanctl),
 * restricted to the algorithms jswan implements.
 *
 * <ul>
 * <li>IKE: a non-AEAD proposal with every supported cipher, integrity, PRF and KE method, then an AEAD proposal;
 * AES key sizes ascending, hashes ascending, ECP and Curve groups before MODP 3072/4096, MODP 2048 last (it is
 * strongSwan's fallback group).</li>
 * <li>ESP: AEAD (AES-GCM-16 128/192/256) first, then AES-CBC with HMAC-SHA2; no KE method (no PFS), no ESN.</li>
 * </ul>
 */
public final class DefaultProposals {
    private static final String KE = "ecp256-ecp384-ecp521-x25519-x448-modp3072-modp4096-modp2048";
    private static final List<ProposalSpec> IKE = List.of(
            ProposalParser.parse(ProtocolKind.IKE,
                    "aes128-aes192-aes256-sha256-sha384-sha512-prfsha256-prfsha384-prfsha512-" + KE),
            ProposalParser.parse(ProtocolKind.IKE,
                    "aes128gcm16-aes192gcm16-aes256gcm16-chacha20poly1305-prfsha256-prfsha384-prfsha512-" + KE));
    private static final List<ProposalSpec> ESP = List.of(
            ProposalParser.parse(ProtocolKind.ESP, "aes128gcm16-aes192gcm16-aes256gcm16-noesn"),
            ProposalParser.parse(ProtocolKind.ESP, "aes128-aes192-aes256-sha256-sha384-sha512-noesn"));

    private DefaultProposals() {
    }

    public static List<ProposalSpec> ike() {
        return IKE;
    }

    public static List<ProposalSpec> esp() {
        return ESP;
    }

    static List<ProposalSpec> of(final ProtocolKind protocol) {
        switch (protocol) {
            case IKE:
                return IKE;
            case ESP:
                return ESP;
            default:
                throw new ProposalSyntaxException("no default proposals for " + protocol, null);
        }
    }
}
