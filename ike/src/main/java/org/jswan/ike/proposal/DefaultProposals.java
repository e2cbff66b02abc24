package org.jswan.ike.proposal;

import java.util.List;

/**
 * The proposals used when none are configured, or for the {@code default} keyword: strongSwan's defaults
 * (libstrongswan {@code proposal.c}: {@code proposal_create_default}/{@code proposal_create_default_aead}, which
 * swanctl combines), restricted to the algorithms jswan implements. strongSwan adds algorithms in "rounds" of
 * decreasing strength; the order below follows those rounds.
 *
 * <ul>
 * <li>IKE: a non-AEAD proposal (AES-CBC 128/192/256, HMAC-SHA2 256/384/512, PRF-HMAC-SHA2 256/384/512), then an
 * AEAD proposal (AES-GCM-16 128/192/256, ChaCha20-Poly1305, same PRFs). KE methods in both: round 1 ECP 256/384/521
 * and Curve25519/448, round 2 MODP 3072/4096, round 3 MODP 2048.</li>
 * <li>ESP: AEAD (AES-GCM-16 128/192/256) first, then AES-CBC 128/192/256 with HMAC-SHA2 256/384/512; no KE method
 * (no PFS) and NO_EXT_SEQ. strongSwan also lists HMAC-SHA1-96 and AES-XCBC-96 here, which jswan omits.</li>
 * </ul>
 * Within a round strongSwan's order follows its plugin registration order, which may differ between builds.
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
