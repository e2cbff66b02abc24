package org.jswan.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jswan.ike.cred.TestPki;
import org.jswan.ike.message.CertEncoding;
import org.jswan.ike.message.HashAlgorithm;
import org.junit.jupiter.api.Test;

/** CERT, CERTREQ and SIGNATURE_HASH_ALGORITHMS bodies. */
class PayloadContentTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void signatureHashAlgorithmsEncodeAsTwoByteIds() throws Exception {
        assertEquals("0002000300040005", HEX.formatHex(SignatureHashAlgorithms.DEFAULT.encode()));
        SignatureHashAlgorithms d = SignatureHashAlgorithms.decode(HEX.parseHex("00010002ff01"));
        assertEquals(List.of(HashAlgorithm.SHA1, HashAlgorithm.SHA2_256, HashAlgorithm.valueOf(0xff01)),
                d.algorithms());
        assertEquals(0xff01, d.algorithms().get(2).value());
        assertThrows(AuthException.class, () -> SignatureHashAlgorithms.decode(new byte[3]));
        assertThrows(AuthException.class, () -> SignatureHashAlgorithms.decode(new byte[2 * 65]));
        assertEquals(0, SignatureHashAlgorithms.decode(new byte[0]).algorithms().size());
    }

    @Test
    void certBodyRoundTrips() throws Exception {
        KeyPair kp = TestPki.ec("secp256r1");
        X509Certificate ca = TestPki.ca("C=CH, O=strongSwan, CN=strongSwan Root CA", kp);
        byte[] body = CertContent.encode(ca);
        assertEquals(4, body[0]);
        assertArrayEquals(ca.getEncoded(), java.util.Arrays.copyOfRange(body, 1, body.length));
        assertEquals(ca, CertContent.decode(body));
        assertThrows(AuthException.class, () -> CertContent.decode(new byte[0]));
        assertThrows(AuthException.class, () -> CertContent.decode(new byte[]{4, 0x30, 0x03, 1}));
        body[0] = 12;
        assertEquals(CertEncoding.HASH_AND_URL_X509_CERTIFICATE, CertContent.encodingOf(body));
        byte[] hashUrl = body;
        assertThrows(AuthException.class, () -> CertContent.decode(hashUrl));
    }

    @Test
    void certRequestCarriesSha1OfSubjectPublicKeyInfo() throws Exception {
        X509Certificate a = TestPki.ca("CN=A", TestPki.ec("secp256r1"));
        X509Certificate b = TestPki.ca("CN=B", TestPki.rsa(2048));
        byte[] body = CertRequestContent.encode(List.of(a, b));
        assertEquals(1 + 40, body.length);
        assertEquals(4, body[0]);
        // independent: hash the SubjectPublicKeyInfo structure re-encoded from the certificate by BC
        byte[] spki = SubjectPublicKeyInfo.getInstance(
                org.bouncycastle.asn1.x509.Certificate.getInstance(b.getEncoded()).getSubjectPublicKeyInfo())
                .getEncoded();
        byte[] expected = MessageDigest.getInstance("SHA-1").digest(spki);
        List<byte[]> ids = CertRequestContent.decode(body);
        assertEquals(2, ids.size());
        assertArrayEquals(expected, ids.get(1));
        assertThrows(AuthException.class, () -> CertRequestContent.decode(new byte[]{4, 1, 2}));
        assertThrows(AuthException.class, () -> CertRequestContent.decode(new byte[]{7}));
        assertEquals(0, CertRequestContent.decode(new byte[]{4}).size());
    }
}
