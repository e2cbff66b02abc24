package org.jswan.ike.proposal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.crypto.Algorithm;
import org.jswan.ike.crypto.TransformType;
import org.junit.jupiter.api.Test;

class ProposalSelectorTest {

    private static List<ProposalSpec> ours(final ProtocolKind p, final String s) {
        return ProposalParser.parseList(p, s);
    }

    /** The peer's offer: configured-style strings turned into numbered wire proposals. */
    private static List<Proposal> offer(final ProtocolKind p, final byte[] spi, final String s) {
        final List<Proposal> out = new ArrayList<>();
        int n = 1;
        for (final ProposalSpec spec : ProposalParser.parseList(p, s)) {
            out.add(spec.toProposal(n++, spi));
        }
        return out;
    }

    private static Selection.Selected selected(final Selection s) {
        return assertInstanceOf(Selection.Selected.class, s);
    }

    @Test
    void simpleMatchReturnsOneTransformPerTypeWithPeerNumberAndSpi() {
        final byte[] spi = {1, 2, 3, 4};
        final Selection.Selected s = selected(ProposalSelector.select(ours(ProtocolKind.ESP, "aes128gcm16"),
                offer(ProtocolKind.ESP, spi, "aes256-sha256,aes256gcm16-aes128gcm16")));
        assertEquals(2, s.proposal().number());
        assertArrayEquals(spi, s.proposal().spi());
        assertEquals("ESP:AES_GCM_16_128/NO_EXT_SEQ", ProposalSpec.describe(ProtocolKind.ESP,
                s.proposal().transforms()));
        assertEquals(Algorithm.AES_GCM_16_128, s.transforms().encryption());
        assertNull(s.transforms().integrity());
    }

    @Test
    void configuredPreferenceIsStrongSwansDefault() {
        final List<ProposalSpec> ours = ours(ProtocolKind.IKE, "aes256-sha384-ecp384,aes128-sha256-modp2048");
        final List<Proposal> theirs = offer(ProtocolKind.IKE, null, "aes128-sha256-modp2048,aes256-sha384-ecp384");
        assertEquals(Algorithm.AES_CBC_256, selected(ProposalSelector.select(ours, theirs)).transforms().encryption());
        assertEquals(Algorithm.AES_CBC_128, selected(ProposalSelector.select(ours, theirs,
                ProposalSelector.Preference.PEER, -1)).transforms().encryption());
        // within one proposal too: our order of transforms decides
        final Selection.Selected within = selected(ProposalSelector.select(
                ours(ProtocolKind.IKE, "aes256-aes128-sha256-x25519"),
                offer(ProtocolKind.IKE, null, "aes128-aes256-sha256-x25519")));
        assertEquals(Algorithm.AES_CBC_256, within.transforms().encryption());
        assertEquals(Algorithm.PRF_HMAC_SHA2_256, within.transforms().prf());
        assertEquals(Algorithm.HMAC_SHA2_256_128, within.transforms().integrity());
    }

    @Test
    void noMatch() {
        assertInstanceOf(Selection.NoProposalChosen.class, ProposalSelector.select(
                ours(ProtocolKind.IKE, "aes256gcm16-prfsha384-ecp384"),
                offer(ProtocolKind.IKE, null, "aes128gcm16-prfsha256-ecp384")));
        // protocol mismatch
        assertInstanceOf(Selection.NoProposalChosen.class, ProposalSelector.select(
                ours(ProtocolKind.ESP, "aes128gcm16"), List.of(new Proposal(1, ProtocolKind.AH, new byte[4],
                        List.of(TransformSpec.of(Algorithm.HMAC_SHA2_256_128))))));
        // we configured PFS, the peer offers none
        assertInstanceOf(Selection.NoProposalChosen.class, ProposalSelector.select(
                ours(ProtocolKind.ESP, "aes128gcm16-ecp256"), offer(ProtocolKind.ESP, new byte[4], "aes128gcm16")));
    }

    @Test
    void keyLengthAttributeMustMatch() {
        // RFC 7296 §3.3.6: AES-CBC-128 does not match AES-CBC-256 though the transform ID is the same
        final Proposal peer = new Proposal(1, ProtocolKind.ESP, new byte[4], List.of(
                new TransformSpec(TransformType.ENCR, 12, 256), TransformSpec.of(Algorithm.HMAC_SHA2_256_128)));
        assertInstanceOf(Selection.NoProposalChosen.class,
                ProposalSelector.select(ours(ProtocolKind.ESP, "aes128-sha256"), List.of(peer)));
        assertEquals(Algorithm.AES_CBC_256, selected(ProposalSelector.select(ours(ProtocolKind.ESP, "aes256-sha256"),
                List.of(peer))).transforms().encryption());
        // and an ESP proposal without an ESN transform counts as NO_EXT_SEQ
        assertEquals(false, selected(ProposalSelector.select(ours(ProtocolKind.ESP, "aes256-sha256"),
                List.of(peer))).transforms().esn());
    }

    @Test
    void unknownTransformTypeOrIdIsNotAccepted() {
        final Proposal weird = new Proposal(1, ProtocolKind.ESP, new byte[4], List.of(
                TransformSpec.of(Algorithm.AES_GCM_16_128), new TransformSpec(9, 1, 0)));
        assertInstanceOf(Selection.NoProposalChosen.class,
                ProposalSelector.select(ours(ProtocolKind.ESP, "aes128gcm16"), List.of(weird)));
        // an unknown ENCR ID next to a known one is simply skipped
        final Proposal mixed = new Proposal(1, ProtocolKind.ESP, new byte[4], List.of(
                new TransformSpec(TransformType.ENCR, 1024, 0), TransformSpec.of(Algorithm.AES_GCM_16_128)));
        assertEquals(Algorithm.AES_GCM_16_128, selected(ProposalSelector.select(ours(ProtocolKind.ESP,
                "aes128gcm16"), List.of(mixed))).transforms().encryption());
    }

    @Test
    void aeadWithIntegNoneIsAccepted() {
        final Proposal peer = new Proposal(1, ProtocolKind.ESP, new byte[4], List.of(
                TransformSpec.of(Algorithm.AES_GCM_16_256), new TransformSpec(TransformType.INTEG, 0, 0),
                TransformSpec.of(Algorithm.NO_EXT_SEQ)));
        final Selection.Selected s = selected(ProposalSelector.select(ours(ProtocolKind.ESP, "aes256gcm16"),
                List.of(peer)));
        assertNull(s.transforms().integrity());
        assertEquals(2, s.proposal().transforms().size()); // INTEG NONE is not echoed back
    }

    @Test
    void invalidKePayloadNamesTheGroupOfTheSelectedProposal() {
        final List<ProposalSpec> ours = ours(ProtocolKind.IKE, "aes128gcm16-prfsha256-ecp256-x25519");
        final List<Proposal> theirs = offer(ProtocolKind.IKE, null, "aes128gcm16-prfsha256-modp2048-x25519-ecp256");
        // KEi used MODP 2048, which we do not accept: RFC 7296 §1.2 → INVALID_KE_PAYLOAD with our choice
        final Selection.InvalidKePayload ike = assertInstanceOf(Selection.InvalidKePayload.class,
                ProposalSelector.select(ours, theirs, ProposalSelector.Preference.CONFIGURED, 14));
        assertEquals(19, ike.group());
        // KEi used x25519, acceptable to both: take it even though ecp256 is our first choice
        final Selection.Selected s = selected(ProposalSelector.select(ours, theirs,
                ProposalSelector.Preference.CONFIGURED, 31));
        assertEquals(Algorithm.CURVE_25519, s.transforms().keyExchange());
        // no acceptable proposal at all stays NO_PROPOSAL_CHOSEN
        assertInstanceOf(Selection.NoProposalChosen.class, ProposalSelector.select(ours,
                offer(ProtocolKind.IKE, null, "aes256-sha256-modp2048"), ProposalSelector.Preference.CONFIGURED, 14));
    }

    @Test
    void ikeAuthChildWithoutKe() {
        final List<ProposalSpec> ours = List.of(ours(ProtocolKind.ESP, "aes128gcm16-x25519").get(0)
                .withoutKeyExchange());
        final Selection.Selected s = selected(ProposalSelector.select(ours,
                offer(ProtocolKind.ESP, new byte[4], "aes128gcm16")));
        assertNull(s.transforms().keyExchange());
    }

    @Test
    void peerMakingKeOptionalWithNone() {
        // ESP offer with KE {ecp256, NONE}: we without PFS accept it with no KE
        final Proposal peer = new Proposal(1, ProtocolKind.ESP, new byte[4], List.of(
                TransformSpec.of(Algorithm.AES_GCM_16_128), TransformSpec.of(Algorithm.ECP_256),
                new TransformSpec(TransformType.KE, 0, 0), TransformSpec.of(Algorithm.NO_EXT_SEQ)));
        assertNull(selected(ProposalSelector.select(ours(ProtocolKind.ESP, "aes128gcm16"), List.of(peer)))
                .transforms().keyExchange());
        assertEquals(Algorithm.ECP_256, selected(ProposalSelector.select(ours(ProtocolKind.ESP, "aes128gcm16-ecp256"),
                List.of(peer))).transforms().keyExchange());
    }

    @Test
    void verifyResponse() {
        final List<ProposalSpec> offered = ours(ProtocolKind.IKE, "aes128gcm16-aes256gcm16-prfsha256-x25519-ecp256");
        final Proposal good = new Proposal(1, ProtocolKind.IKE, null, List.of(
                TransformSpec.of(Algorithm.AES_GCM_16_256), TransformSpec.of(Algorithm.PRF_HMAC_SHA2_256),
                TransformSpec.of(Algorithm.ECP_256)));
        assertEquals(Algorithm.ECP_256, selected(ProposalSelector.verifyResponse(offered, good)).transforms()
                .keyExchange());
        final Proposal two = new Proposal(1, ProtocolKind.IKE, null, List.of(TransformSpec.of(Algorithm.AES_GCM_16_256),
                TransformSpec.of(Algorithm.AES_GCM_16_128), TransformSpec.of(Algorithm.PRF_HMAC_SHA2_256),
                TransformSpec.of(Algorithm.ECP_256)));
        assertInstanceOf(Selection.NoProposalChosen.class, ProposalSelector.verifyResponse(offered, two));
        final Proposal notOffered = new Proposal(1, ProtocolKind.IKE, null, List.of(
                TransformSpec.of(Algorithm.AES_GCM_16_192), TransformSpec.of(Algorithm.PRF_HMAC_SHA2_256),
                TransformSpec.of(Algorithm.ECP_256)));
        assertInstanceOf(Selection.NoProposalChosen.class, ProposalSelector.verifyResponse(offered, notOffered));
    }
}
