package org.jswan.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.jswan.ike.message.IdType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Cases from strongSwan's "Identity Parsing" rules: input, type, hex data (empty for ANY), printed form. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "moon.strongswan.org       | 2  | 6d6f6f6e2e7374726f6e677377616e2e6f7267 | moon.strongswan.org",
        "@moon.strongswan.org      | 2  | 6d6f6f6e2e7374726f6e677377616e2e6f7267 | moon.strongswan.org",
        "carol@strongswan.org      | 3  | 6361726f6c407374726f6e677377616e2e6f7267 | carol@strongswan.org",
        "@@carol                   | 3  | 6361726f6c                             | carol",
        "@#0102a0ff                | 11 | 0102a0ff                               | 01:02:a0:ff",
        "{11}:#0a0b                | 11 | 0a0b                                   | 0a:0b",
        "{2}:moon                  | 2  | 6d6f6f6e                               | moon",
        "192.168.0.1               | 1  | c0a80001                               | 192.168.0.1",
        "fec0::1                   | 5  | fec00000000000000000000000000001       | fec0::1",
        "2001:db8:0:0:1:0:0:1      | 5  | 20010db8000000000001000000000001       | 2001:db8::1:0:0:1",
        "fqdn:192.168.0.1          | 2  | 3139322e3136382e302e31                 | 192.168.0.1",
        "email:moon.strongswan.org | 3  | 6d6f6f6e2e7374726f6e677377616e2e6f7267 | moon.strongswan.org",
        "keyid:abc                 | 11 | 616263                                 | abc",
        "keyid:#00ff               | 11 | 00ff                                   | 00:ff",
        "ipv4:10.1.2.3             | 1  | 0a010203                               | 10.1.2.3",
        "ipv6:::2                  | 5  | 00000000000000000000000000000002       | ::2",
        "not:an:ipv6               | 11 | 6e6f743a616e3a69707636                 | not:an:ipv6",
        "%any                      | 0  | ''                                     | %any",
        "%any6                     | 0  | ''                                     | %any",
        "0.0.0.0                   | 0  | ''                                     | %any",
        "::                        | 0  | ''                                     | %any",
        "*                         | 0  | ''                                     | %any",
    })
    void parsesStrongSwanIdentityStrings(final String text, final int type, final String hex, final String printed)
            throws Exception {
        Identity id = Identity.parse(text);
        assertEquals(type, id.type().value(), text);
        assertArrayEquals(HEX.parseHex(hex), id.data(), text);
        assertEquals(printed, id.toString());
    }

    @Test
    void emptyStringIsAny() throws Exception {
        assertSame(Identity.ANY, Identity.parse(""));
    }

    @Test
    void distinguishedNameEncodesInWrittenOrderLikeJdk() throws Exception {
        Identity id = Identity.parse("C=CH, O=strongSwan, CN=moon.strongswan.org");
        assertEquals(IdType.ID_DER_ASN1_DN, id.type());
        // X500Principal takes RFC 2253 order (reversed) and picks PrintableString like strongSwan does
        byte[] jdk = new X500Principal("CN=moon.strongswan.org, O=strongSwan, C=CH").getEncoded();
        assertArrayEquals(jdk, id.data());
        assertEquals("C=CH, O=strongSwan, CN=moon.strongswan.org", id.toString());
        assertEquals(id, Identity.parse("/C=CH/O=strongSwan/CN=moon.strongswan.org"));
        assertEquals(id, Identity.parse("asn1dn:C=CH, O=strongSwan, CN=moon.strongswan.org"));
    }

    @Test
    void distinguishedNameEqualityIgnoresStringTypeAndCase() throws Exception {
        Identity parsed = Identity.parse("C=CH, O=strongSwan, CN=moon.strongswan.org");
        // BouncyCastle's default style encodes O and CN as UTF8String; still the same DN to strongSwan
        byte[] utf8 = new X500Name("C=CH, O=strongSwan, CN=moon.strongswan.org").getEncoded();
        assertFalse(java.util.Arrays.equals(utf8, parsed.data()));
        Identity fromCert = Identity.of(IdType.ID_DER_ASN1_DN, utf8);
        assertEquals(parsed, fromCert);
        assertEquals(parsed.hashCode(), fromCert.hashCode());
        // PrintableString values compare case-insensitively (strongSwan compare_dn) ...
        assertEquals(parsed, Identity.parse("C=ch, O=STRONGSWAN, CN=Moon.strongswan.org"));
        // ... other string types compare exactly
        Identity utf8Upper = Identity.of(IdType.ID_DER_ASN1_DN,
                new X500Name("C=CH, O=STRONGSWAN, CN=moon.strongswan.org").getEncoded());
        assertNotEquals(parsed, utf8Upper);
        assertNotEquals(parsed, Identity.parse("C=CH, O=strongSwan, CN=sun.strongswan.org"));
        assertNotEquals(parsed, Identity.parse("O=strongSwan, C=CH, CN=moon.strongswan.org"));
    }

    @Test
    void emailRdnStaysIa5StringAndPrintsAsE() throws Exception {
        Identity id = Identity.parse("C=CH, O=strongSwan, E=carol@strongswan.org");
        byte[] jdk = new X500Principal("EMAILADDRESS=carol@strongswan.org, O=strongSwan, C=CH").getEncoded();
        assertArrayEquals(jdk, id.data());
        assertEquals("C=CH, O=strongSwan, E=carol@strongswan.org", id.toString());
    }

    @Test
    void badDistinguishedNameBecomesKeyId() throws Exception {
        Identity id = Identity.parse("XYZ=foo");
        assertEquals(IdType.ID_KEY_ID, id.type());
        assertArrayEquals("XYZ=foo".getBytes(StandardCharsets.US_ASCII), id.data());
    }

    @Test
    void explicitPrefixWithBadValueIsRejected() {
        assertThrows(IdentityException.class, () -> Identity.parse("ipv4:300.1.1.1"));
        assertThrows(IdentityException.class, () -> Identity.parse("ipv6:zz::1"));
        assertThrows(IdentityException.class, () -> Identity.parse("@#abc"));
        assertThrows(IdentityException.class, () -> Identity.parse("@#zz"));
        assertThrows(IdentityException.class, () -> Identity.parse("ipv4:#0102"));
        assertThrows(IdentityException.class, () -> Identity.parse("{x}:abc"));
        assertThrows(IdentityException.class, () -> Identity.parse("{300}:abc"));
    }

    @Test
    void wireBodyRoundTrips() throws Exception {
        for (String s : new String[]{"moon.strongswan.org", "carol@strongswan.org", "192.168.0.1", "fec0::1",
                "C=CH, O=strongSwan, CN=moon.strongswan.org", "@#0102"}) {
            Identity id = Identity.parse(s);
            byte[] body = id.encode();
            assertEquals(id.type().value(), body[0] & 0xff);
            assertEquals(0, body[1] | body[2] | body[3], "RESERVED must be zero");
            assertEquals(id, Identity.decode(body));
        }
        assertArrayEquals(HEX.parseHex("01000000c0a80001"), Identity.parse("192.168.0.1").encode());
    }

    @Test
    void malformedWireBodiesAreRejected() {
        assertThrows(IdentityException.class, () -> Identity.decode(new byte[3]));
        assertThrows(IdentityException.class, () -> Identity.decode(HEX.parseHex("00000000")));
        assertThrows(IdentityException.class, () -> Identity.decode(HEX.parseHex("01000000c0a800")));
        assertThrows(IdentityException.class, () -> Identity.decode(HEX.parseHex("05000000c0a80001")));
        assertThrows(IdentityException.class, () -> Identity.decode(HEX.parseHex("090000003003")));
        assertThrows(IllegalStateException.class, Identity.ANY::encode);
    }

    @Test
    void unknownWireTypeIsKeptOpaque() throws Exception {
        Identity id = Identity.decode(HEX.parseHex("0c000000aabb"));
        assertEquals(12, id.type().value());
        assertArrayEquals(HEX.parseHex("aabb"), id.data());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%any                 | moon.strongswan.org  | true",
        "%any                 | 10.0.0.1             | true",
        "moon.strongswan.org  | MOON.strongswan.org  | true",
        "moon.strongswan.org  | sun.strongswan.org   | false",
        "*.strongswan.org     | moon.strongswan.org  | true",
        "*.strongswan.org     | strongswan.org       | false",
        "*@strongswan.org     | carol@strongswan.org | true",
        "*@strongswan.org     | carol@example.org    | false",
        "*@strongswan.org     | @strongswan.org      | false",
        "*@strongswan.org     | email:@strongswan.org | false",
        "*.org                | a.org                | true",
        "carol@strongswan.org | carol@strongswan.org | true",
        "10.0.0.1             | 10.0.0.1             | true",
        "10.0.0.1             | 10.0.0.2             | false",
        "fec0::1              | fec0:0::1            | true",
        "moon.strongswan.org  | %any                 | false",
        "'C=CH, O=strongSwan, CN=*' | 'C=CH, O=strongSwan, CN=moon' | true",
        "'C=CH, O=strongSwan, CN=*' | 'C=CH, O=other, CN=moon'      | false",
        "'C=CH, O=strongSwan, CN=*' | 'C=CH, O=strongSwan'          | false",
    })
    void matchesLikeStrongSwan(final String pattern, final String candidate, final boolean expected)
            throws Exception {
        assertEquals(expected, Identity.parse(pattern).matches(Identity.parse(candidate)),
                pattern + " vs " + candidate);
    }

    @Test
    void wildcardIsOnlyHonouredOnTheConfiguredSide() throws Exception {
        assertFalse(Identity.parse("moon.strongswan.org").matches(Identity.parse("*.strongswan.org")));
        assertTrue(Identity.parse("*.strongswan.org").hasWildcard());
        assertFalse(Identity.parse("moon.strongswan.org").hasWildcard());
        assertTrue(Identity.parse("C=CH, CN=*").hasWildcard());
    }

    @Test
    void typesDoNotCrossMatch() throws Exception {
        assertFalse(Identity.parse("fqdn:carol@strongswan.org").matches(Identity.parse("carol@strongswan.org")));
        assertNotEquals(Identity.parse("fqdn:10.0.0.1"), Identity.parse("10.0.0.1"));
    }
}
