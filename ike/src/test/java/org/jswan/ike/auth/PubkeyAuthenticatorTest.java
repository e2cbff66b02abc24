package org.jswan.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.jswan.ike.cred.TestPki;
import org.jswan.ike.message.AuthMethod;
import org.jswan.ike.message.HashAlgorithm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PubkeyAuthenticatorTest {

    private static final byte[] OCTETS = "IKE_SA_INIT bytes || Nr || prf(SK_pi, IDi')".getBytes(StandardCharsets.UTF_8);
    private static final SignatureHashAlgorithms ALL = new SignatureHashAlgorithms(List.of(HashAlgorithm.SHA1,
            HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384, HashAlgorithm.SHA2_512, HashAlgorithm.IDENTITY));

    private static KeyPair rsa;
    private static KeyPair p256;
    private static KeyPair p384;
    private static KeyPair p521;
    private static KeyPair ed25519;
    private static KeyPair ed448;

    private final PubkeyAuthenticator pkcs1 = new PubkeyAuthenticator(false);
    private final PubkeyAuthenticator pss = new PubkeyAuthenticator(true);

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestPki.rsa(2048);
        p256 = TestPki.ec("secp256r1");
        p384 = TestPki.ec("secp384r1");
        p521 = TestPki.ec("secp521r1");
        ed25519 = TestPki.ed("Ed25519");
        ed448 = TestPki.ed("Ed448");
    }

    @Test
    void pssAlgorithmIdentifiersAreTheRfc7427Bytes() throws Exception {
        Map<String, byte[]> v = VectorFile.read("ike/auth/rfc7427-rsassa-pss-algorithm-identifiers.txt");
        // strongSwan sends the erratum form: DER omits the default trailerField
        assertArrayEquals(v.get("pss_sha256_errata"), SignatureScheme.RSA_PSS_SHA256.algorithmIdentifier());
        assertArrayEquals(v.get("pss_sha512"), SignatureScheme.RSA_PSS_SHA512.algorithmIdentifier());
        for (String name : List.of("pss_sha256_rfc7427_a43", "pss_sha256_errata")) {
            PubkeyAuthenticator.Verification parsed = PubkeyAuthenticator.parseAlgorithmIdentifier(v.get(name));
            assertEquals(SignatureScheme.RSA_PSS_SHA256, parsed.scheme(), name);
            assertEquals(32, ((PSSParameterSpec) parsed.spec()).getSaltLength(), name);
        }
        for (Map.Entry<String, byte[]> e : v.entrySet()) {
            if (e.getKey().startsWith("invalid_")) {
                assertThrows(AuthException.class, () -> PubkeyAuthenticator.parseAlgorithmIdentifier(e.getValue()),
                        e.getKey());
            }
        }
    }

    @Test
    void otherAlgorithmIdentifiersHaveTheRightOidAndParameters() {
        String[][] expect = {
            {"RSA_PKCS1_SHA1", "1.2.840.113549.1.1.5", "null"},
            {"RSA_PKCS1_SHA256", "1.2.840.113549.1.1.11", "null"},
            {"RSA_PKCS1_SHA384", "1.2.840.113549.1.1.12", "null"},
            {"RSA_PKCS1_SHA512", "1.2.840.113549.1.1.13", "null"},
            {"ECDSA_SHA256", "1.2.840.10045.4.3.2", "absent"},
            {"ECDSA_SHA384", "1.2.840.10045.4.3.3", "absent"},
            {"ECDSA_SHA512", "1.2.840.10045.4.3.4", "absent"},
            {"ED25519", "1.3.101.112", "absent"},
            {"ED448", "1.3.101.113", "absent"},
        };
        for (String[] e : expect) {
            AlgorithmIdentifier id = AlgorithmIdentifier.getInstance(
                    SignatureScheme.valueOf(e[0]).algorithmIdentifier());
            assertEquals(e[1], id.getAlgorithm().getId(), e[0]);
            if (e[2].equals("null")) {
                assertEquals(DERNull.INSTANCE, id.getParameters(), e[0]);
            } else {
                assertNull(id.getParameters(), e[0]);
            }
        }
        // ecdsa-with-SHA256 is 12 bytes with absent parameters: 30 0a 06 08 2a8648ce3d040302
        assertEquals("300a06082a8648ce3d040302",
                java.util.HexFormat.of().formatHex(SignatureScheme.ECDSA_SHA256.algorithmIdentifier()));
    }

    @Test
    void verifiesTheRfc4754Ecdsa256Vector() throws Exception {
        Map<String, byte[]> v = VectorFile.read("ike/auth/rfc4754-ecdsa-256.txt");
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
        PublicKey gw = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(1, v.get("gwx")), new BigInteger(1, v.get("gwy"))), spec));
        byte[] sig = concat(v.get("r"), v.get("s"));
        pkcs1.verify(gw, v.get("msg"), new AuthData(AuthMethod.ECDSA_SHA256_P256, sig), null);
        sig[5] ^= 1;
        assertThrows(AuthException.class, () -> pkcs1.verify(gw, v.get("msg"),
                new AuthData(AuthMethod.ECDSA_SHA256_P256, sig), null));
    }

    @Test
    void classicMethodsRoundTripAndMatchBouncyCastle() throws Exception {
        AuthData r = pkcs1.sign(rsa.getPrivate(), OCTETS, null);
        assertEquals(AuthMethod.RSA_DIGITAL_SIGNATURE, r.method());
        pkcs1.verify(rsa.getPublic(), OCTETS, r, null);
        assertTrue(bcVerify(new RSADigestSigner(new SHA1Digest()), rsa.getPublic(), r.data()));

        Object[][] ec = {{p256, AuthMethod.ECDSA_SHA256_P256, new SHA256Digest(), 64},
            {p384, AuthMethod.ECDSA_SHA384_P384, new SHA384Digest(), 96},
            {p521, AuthMethod.ECDSA_SHA512_P521, new SHA512Digest(), 132}};
        for (Object[] c : ec) {
            KeyPair kp = (KeyPair) c[0];
            AuthData a = pkcs1.sign(kp.getPrivate(), OCTETS, null);
            assertEquals(c[1], a.method());
            assertEquals((int) c[3], a.data().length, "RFC 4754: r||s, fixed size");
            pkcs1.verify(kp.getPublic(), OCTETS, a, null);
            assertTrue(bcVerify(new DSADigestSigner(new ECDSASigner(), (Digest) c[2], PlainDSAEncoding.INSTANCE),
                    kp.getPublic(), a.data()));
        }
    }

    @Test
    void digitalSignatureRoundTripsForEveryKeyTypeAndMatchesBouncyCastle() throws Exception {
        check(pkcs1, rsa, SignatureScheme.RSA_PKCS1_SHA256, new RSADigestSigner(new SHA256Digest()));
        check(pss, rsa, SignatureScheme.RSA_PSS_SHA256,
                new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), 32));
        check(pkcs1, p256, SignatureScheme.ECDSA_SHA256, new DSADigestSigner(new ECDSASigner(), new SHA256Digest()));
        check(pkcs1, p384, SignatureScheme.ECDSA_SHA384, new DSADigestSigner(new ECDSASigner(), new SHA384Digest()));
        check(pkcs1, p521, SignatureScheme.ECDSA_SHA512, new DSADigestSigner(new ECDSASigner(), new SHA512Digest()));
        check(pkcs1, ed25519, SignatureScheme.ED25519, new Ed25519Signer());
        check(pkcs1, ed448, SignatureScheme.ED448, new Ed448Signer(new byte[0]));
    }

    @Test
    void everyExplicitSchemeRoundTrips() throws Exception {
        for (SignatureScheme s : SignatureScheme.values()) {
            KeyPair kp = s.keyKind() == SignatureScheme.KeyKind.RSA ? rsa
                    : s.keyKind() == SignatureScheme.KeyKind.EC ? p256
                    : s.keyKind() == SignatureScheme.KeyKind.ED25519 ? ed25519 : ed448;
            AuthData a = pkcs1.signDigitalSignature(kp.getPrivate(), s, OCTETS);
            pkcs1.verify(kp.getPublic(), OCTETS, a, ALL);
            byte[] other = OCTETS.clone();
            other[0] ^= 1;
            assertThrows(AuthException.class, () -> pkcs1.verify(kp.getPublic(), other, a, ALL), s.name());
        }
    }

    @Test
    void verifiesSignaturesMadeByBouncyCastle() throws Exception {
        // BC lightweight signs, the JCA-based code under test verifies
        byte[] sig = bcSign(new RSADigestSigner(new SHA1Digest()), rsa.getPrivate());
        pkcs1.verify(rsa.getPublic(), OCTETS, new AuthData(AuthMethod.RSA_DIGITAL_SIGNATURE, sig), null);

        sig = bcSign(new DSADigestSigner(new ECDSASigner(), new SHA384Digest(), PlainDSAEncoding.INSTANCE),
                p384.getPrivate());
        pkcs1.verify(p384.getPublic(), OCTETS, new AuthData(AuthMethod.ECDSA_SHA384_P384, sig), null);

        sig = bcSign(new PSSSigner(new RSABlindedEngine(), new SHA512Digest(), 64), rsa.getPrivate());
        pkcs1.verify(rsa.getPublic(), OCTETS, method14(SignatureScheme.RSA_PSS_SHA512, sig), null);

        sig = bcSign(new Ed25519Signer(), ed25519.getPrivate());
        pkcs1.verify(ed25519.getPublic(), OCTETS, method14(SignatureScheme.ED25519, sig), null);

        sig = bcSign(new DSADigestSigner(new ECDSASigner(), new SHA256Digest()), p256.getPrivate());
        pkcs1.verify(p256.getPublic(), OCTETS, method14(SignatureScheme.ECDSA_SHA256, sig), null);
    }

    @Test
    void choosesSchemesLikeStrongSwan() throws Exception {
        SignatureHashAlgorithms dflt = SignatureHashAlgorithms.DEFAULT;
        assertEquals(SignatureScheme.RSA_PKCS1_SHA256, pkcs1.select(rsa.getPrivate(), dflt).orElseThrow());
        assertEquals(SignatureScheme.RSA_PSS_SHA256, pss.select(rsa.getPrivate(), dflt).orElseThrow());
        assertEquals(SignatureScheme.ECDSA_SHA256, pkcs1.select(p256.getPrivate(), dflt).orElseThrow());
        assertEquals(SignatureScheme.ECDSA_SHA384, pkcs1.select(p384.getPrivate(), dflt).orElseThrow());
        assertEquals(SignatureScheme.ECDSA_SHA512, pkcs1.select(p521.getPrivate(), dflt).orElseThrow());
        assertEquals(SignatureScheme.ED25519, pkcs1.select(ed25519.getPrivate(), dflt).orElseThrow());
        SignatureHashAlgorithms only384 = new SignatureHashAlgorithms(List.of(HashAlgorithm.SHA2_384));
        assertEquals(SignatureScheme.ECDSA_SHA384, pkcs1.select(p256.getPrivate(), only384).orElseThrow());
        assertTrue(pkcs1.select(p521.getPrivate(), only384).isEmpty());

        assertEquals(AuthMethod.DIGITAL_SIGNATURE, pkcs1.sign(p256.getPrivate(), OCTETS, dflt).method());
        // no shared hash: fall back to the classic method for the key
        SignatureHashAlgorithms sha1 = new SignatureHashAlgorithms(List.of(HashAlgorithm.SHA1));
        assertEquals(AuthMethod.ECDSA_SHA256_P256, pkcs1.sign(p256.getPrivate(), OCTETS, sha1).method());
        // EdDSA has no classic method
        assertThrows(AuthException.class, () -> pkcs1.sign(ed25519.getPrivate(), OCTETS, null));
    }

    @Test
    void refusesMismatchedOrMalformedAuthData() throws Exception {
        AuthData ok = pkcs1.sign(p256.getPrivate(), OCTETS, SignatureHashAlgorithms.DEFAULT);
        assertThrows(AuthException.class, () -> pkcs1.verify(p384.getPublic(), OCTETS, ok, null));
        assertThrows(AuthException.class, () -> pkcs1.verify(rsa.getPublic(), OCTETS, ok, null));
        // the peer used a hash we did not announce
        SignatureHashAlgorithms only512 = new SignatureHashAlgorithms(List.of(HashAlgorithm.SHA2_512));
        assertThrows(AuthException.class, () -> pkcs1.verify(p256.getPublic(), OCTETS, ok, only512));
        // classic ECDSA method must match the curve (RFC 4754)
        AuthData p384sig = pkcs1.sign(p384.getPrivate(), OCTETS, null);
        assertThrows(AuthException.class, () -> pkcs1.verify(p256.getPublic(), OCTETS,
                new AuthData(AuthMethod.ECDSA_SHA256_P256, p384sig.data()), null));
        byte[] data = ok.data();
        for (byte[] bad : new byte[][]{new byte[0], {(byte) 200, 0x30}, Arrays.copyOf(data, 1 + data[0]),
                concat(new byte[]{3, 0x30, 0x01, 0x05}, new byte[8])}) {
            assertThrows(AuthException.class, () -> pkcs1.verify(p256.getPublic(), OCTETS,
                    new AuthData(AuthMethod.DIGITAL_SIGNATURE, bad), null));
        }
        assertThrows(AuthException.class, () -> pkcs1.verify(p256.getPublic(), OCTETS,
                new AuthData(AuthMethod.valueOf(99), data), null));
        // a DER ECDSA signature whose integers are garbage
        byte[] der = new DERSequence(new ASN1Integer[]{new ASN1Integer(0), new ASN1Integer(0)}).getEncoded();
        assertThrows(AuthException.class, () -> pkcs1.verify(p256.getPublic(), OCTETS,
                method14(SignatureScheme.ECDSA_SHA256, der), null));
        assertTrue(ASN1Sequence.getInstance(der).size() == 2);
    }

    @Test
    void authDataBodyRoundTrips() throws Exception {
        AuthData a = new AuthData(AuthMethod.SHARED_KEY_MIC, new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{2, 0, 0, 0, 1, 2, 3}, a.encode());
        assertEquals(a, AuthData.decode(a.encode()));
        assertThrows(AuthException.class, () -> AuthData.decode(new byte[3]));
    }

    private static void check(final PubkeyAuthenticator auth, final KeyPair kp, final SignatureScheme expected,
                              final Signer bc) throws Exception {
        AuthData a = auth.sign(kp.getPrivate(), OCTETS, SignatureHashAlgorithms.DEFAULT);
        assertEquals(AuthMethod.DIGITAL_SIGNATURE, a.method());
        byte[] data = a.data();
        byte[] algId = expected.algorithmIdentifier();
        assertEquals(algId.length, data[0] & 0xff, "RFC 7427 §3: one-octet ASN.1 length");
        assertArrayEquals(algId, Arrays.copyOfRange(data, 1, 1 + algId.length), expected.name());
        auth.verify(kp.getPublic(), OCTETS, a, SignatureHashAlgorithms.DEFAULT);
        assertTrue(bcVerify(bc, kp.getPublic(), Arrays.copyOfRange(data, 1 + algId.length, data.length)),
                "BouncyCastle lightweight verifies " + expected);
    }

    private static boolean bcVerify(final Signer s, final PublicKey pub, final byte[] sig) throws Exception {
        AsymmetricKeyParameter p = PublicKeyFactory.createKey(pub.getEncoded());
        s.init(false, p);
        s.update(OCTETS, 0, OCTETS.length);
        return s.verifySignature(sig);
    }

    private static byte[] bcSign(final Signer s, final PrivateKey priv) throws Exception {
        CipherParameters p = PrivateKeyFactory.createKey(priv.getEncoded());
        s.init(true, p);
        s.update(OCTETS, 0, OCTETS.length);
        return s.generateSignature();
    }

    private static AuthData method14(final SignatureScheme s, final byte[] sig) {
        byte[] id = s.algorithmIdentifier();
        return new AuthData(AuthMethod.DIGITAL_SIGNATURE, concat(concat(new byte[]{(byte) id.length}, id), sig));
    }

    static byte[] concat(final byte[] a, final byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
