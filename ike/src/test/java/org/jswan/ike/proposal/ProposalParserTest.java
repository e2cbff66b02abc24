package org.jswan.ike.proposal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalParserTest {

    private static String ike(final String s) {
        return ProposalParser.parse(ProtocolKind.IKE, s).toString();
    }

    private static String esp(final String s) {
        return ProposalParser.parse(ProtocolKind.ESP, s).toString();
    }

    @Test
    void aeadIkeProposal() {
        assertEquals("IKE:AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519", ike("aes128gcm16-prfsha256-x25519"));
        assertEquals("IKE:AES_GCM_16_128/PRF_HMAC_SHA2_256/CURVE_25519", ike("aes128gcm128-prfsha256-curve25519"));
        assertEquals("IKE:CHACHA20_POLY1305/PRF_HMAC_SHA2_512/CURVE_25519", ike("chacha20poly1305-prfsha512-x25519"));
        assertEquals("IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/CURVE_448", ike("aes256gcm16-prfsha384-x448"));
    }

    @Test
    void nonAeadIkeProposalDerivesPrfFromIntegrity() {
        assertEquals("IKE:AES_CBC_256/HMAC_SHA2_384_192/PRF_HMAC_SHA2_384/ECP_384", ike("aes256-sha384-ecp384"));
        assertEquals("IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048", ike("aes128-sha256-modp2048"));
        assertEquals("IKE:AES_CBC_128/HMAC_SHA2_512_256/PRF_HMAC_SHA2_512/ECP_521", ike("aes-sha2_512-ecp521"));
        // an explicit PRF wins over derivation
        assertEquals("IKE:AES_CBC_192/HMAC_SHA2_256_128/PRF_HMAC_SHA2_512/MODP_3072",
                ike("aes192-sha256-prfsha512-modp3072"));
    }

    @Test
    void severalAlgorithmsPerTypeKeepTheirOrder() {
        assertEquals("IKE:AES_CBC_128/AES_CBC_256/HMAC_SHA2_256_128/HMAC_SHA2_384_192/PRF_HMAC_SHA2_256/"
                + "PRF_HMAC_SHA2_384/MODP_2048/ECP_256", ike("aes128-aes256-sha256-sha384-modp2048-ecp256"));
        // the order of different kinds does not matter (strongSwan docs)
        assertEquals(ike("aes256gcm16-aes192gcm16-prfsha384-prfsha256-ecp384-modp3072"),
                ike("aes256gcm16-prfsha384-ecp384-aes192gcm16-prfsha256-modp3072"));
        // duplicates collapse
        assertEquals("IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_4096",
                ike("aes-aes128-sha256-sha2_256-modp4096"));
    }

    @Test
    void espProposals() {
        assertEquals("ESP:AES_GCM_16_128/NO_EXT_SEQ", esp("aes128gcm16"));
        assertEquals("ESP:AES_CBC_128/HMAC_SHA2_256_128/NO_EXT_SEQ", esp("aes128-sha256"));
        assertEquals("ESP:AES_GCM_16_256/ECP_384/EXT_SEQ", esp("aes256gcm16-ecp384-esn"));
        assertEquals("ESP:AES_CBC_256/HMAC_SHA2_512_256/MODP_2048/EXT_SEQ/NO_EXT_SEQ",
                esp("aes256-sha512-modp2048-esn-noesn"));
        // integrity with AEAD is dropped (strongSwan ignores it)
        assertEquals("ESP:AES_GCM_16_128/NO_EXT_SEQ", esp("aes128gcm16-sha256"));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertEquals(ike("aes128gcm16-prfsha256-x25519"), ike("AES128GCM16-PrfSha256-X25519"));
    }

    @Test
    void unknownKeywordNamesItAndSuggests() {
        final ProposalSyntaxException e = assertThrows(ProposalSyntaxException.class,
                () -> ProposalParser.parse(ProtocolKind.IKE, "aes128gcm16-prfsha265-x25519"));
        assertEquals("prfsha265", e.keyword());
        assertTrue(e.getMessage().contains("'prfsha265'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'prfsha256'"), e.getMessage());
        final ProposalSyntaxException far = assertThrows(ProposalSyntaxException.class,
                () -> ProposalParser.parse(ProtocolKind.ESP, "aes128-sha256-blowfish9000xyz"));
        assertTrue(!far.getMessage().contains("did you mean"), far.getMessage());
        assertEquals(1, ProposalKeywords.editDistance("x2519", "x25519"));
        assertNull(ProposalKeywords.suggest("zzzzzzzzzzzz"));
    }

    @Test
    void structuralErrors() {
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parse(ProtocolKind.IKE, "aes128-sha256"),
                "IKE needs a KE method");
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parse(ProtocolKind.IKE, "aes128gcm16-x25519"),
                "AEAD IKE needs an explicit PRF");
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parse(ProtocolKind.IKE, "sha256-x25519"),
                "encryption is mandatory");
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parse(ProtocolKind.ESP, "aes128"),
                "non-AEAD needs integrity");
        assertThrows(ProposalSyntaxException.class,
                () -> ProposalParser.parse(ProtocolKind.ESP, "aes128gcm16-aes128-sha256"), "no AEAD/non-AEAD mix");
        assertThrows(ProposalSyntaxException.class,
                () -> ProposalParser.parse(ProtocolKind.ESP, "aes128-sha256-prfsha256"), "no PRF in ESP");
        assertThrows(ProposalSyntaxException.class,
                () -> ProposalParser.parse(ProtocolKind.IKE, "aes128-sha256-x25519-esn"), "no ESN in IKE");
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parse(ProtocolKind.IKE, "aes128--sha256"));
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parseList(ProtocolKind.IKE, "default,,"));
        assertThrows(ProposalSyntaxException.class, () -> ProposalParser.parse(ProtocolKind.AH, "sha256"));
    }

    @Test
    void listsAndDefault() {
        final List<ProposalSpec> l = ProposalParser.parseList(ProtocolKind.IKE,
                "aes256gcm16-prfsha384-ecp384, default");
        assertEquals(1 + DefaultProposals.ike().size(), l.size());
        assertEquals("IKE:AES_GCM_16_256/PRF_HMAC_SHA2_384/ECP_384", l.get(0).toString());
        assertEquals(DefaultProposals.esp(), ProposalParser.parseList(ProtocolKind.ESP, ""));
        assertEquals(DefaultProposals.esp(), ProposalParser.parseList(ProtocolKind.ESP, "default"));
    }

    @Test
    void defaultsMatchStrongSwanShape() {
        assertEquals("IKE:AES_CBC_128/AES_CBC_192/AES_CBC_256/HMAC_SHA2_256_128/HMAC_SHA2_384_192/HMAC_SHA2_512_256/"
                + "PRF_HMAC_SHA2_256/PRF_HMAC_SHA2_384/PRF_HMAC_SHA2_512/ECP_256/ECP_384/ECP_521/CURVE_25519/CURVE_448/"
                + "MODP_3072/MODP_4096/MODP_2048", DefaultProposals.ike().get(0).toString());
        assertEquals("IKE:AES_GCM_16_128/AES_GCM_16_192/AES_GCM_16_256/CHACHA20_POLY1305/PRF_HMAC_SHA2_256/"
                + "PRF_HMAC_SHA2_384/PRF_HMAC_SHA2_512/ECP_256/ECP_384/ECP_521/CURVE_25519/CURVE_448/"
                + "MODP_3072/MODP_4096/MODP_2048", DefaultProposals.ike().get(1).toString());
        assertEquals("ESP:AES_GCM_16_128/AES_GCM_16_192/AES_GCM_16_256/NO_EXT_SEQ",
                DefaultProposals.esp().get(0).toString());
        assertEquals("ESP:AES_CBC_128/AES_CBC_192/AES_CBC_256/HMAC_SHA2_256_128/HMAC_SHA2_384_192/"
                + "HMAC_SHA2_512_256/NO_EXT_SEQ", DefaultProposals.esp().get(1).toString());
    }
}
