package org.jswan.ike.auth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.jswan.ike.message.AuthMethod;

/**
 * Public key AUTH data (RFC 7296 §2.15, §3.8): the classic methods RSA Digital Signature (1, PKCS#1 v1.5 with
 * SHA-1) and ECDSA (9, 10, 11; RFC 4754, signature r||s), and Digital Signature (14; RFC 7427) with an
 * AlgorithmIdentifier. The signed octets are built by the caller. Stateless; thread-safe.
 */
public final class PubkeyAuthenticator {

    /** A larger signature than RSA-16384 is not plausible; refuse before handing it to the provider. */
    private static final int MAX_SIGNATURE_LENGTH = 2048;

    private final boolean rsaPss;

    /**
     * @param rsaPss sign with RSASSA-PSS rather than PKCS#1 v1.5 when RFC 7427 is in use (strongSwan's
     *               {@code charon.rsa_pss}, default off); verification accepts both either way
     */
    public PubkeyAuthenticator(final boolean rsaPss) {
        this.rsaPss = rsaPss;
    }

    /**
     * The schemes a key can sign with, strongest-matching first (strongSwan signature_schemes_for_key): for RSA
     * up to 3072 bits SHA-256 first, up to 7680 SHA-384, else SHA-512; for ECDSA the hash that matches the curve
     * first, then the longer ones.
     */
    public List<SignatureScheme> schemesFor(final PrivateKey key) {
        SignatureScheme.KeyKind kind = KeyKinds.of(key);
        List<SignatureScheme> out = new ArrayList<>();
        if (kind == null) {
            return out;
        }
        int size = KeyKinds.size(key);
        switch (kind) {
            case RSA: {
                int from = size <= 3072 ? 0 : size <= 7680 ? 1 : 2;
                SignatureScheme[] pss = {SignatureScheme.RSA_PSS_SHA256, SignatureScheme.RSA_PSS_SHA384,
                        SignatureScheme.RSA_PSS_SHA512};
                SignatureScheme[] pkcs1 = {SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                        SignatureScheme.RSA_PKCS1_SHA512};
                SignatureScheme[] use = rsaPss ? pss : pkcs1;
                out.addAll(Arrays.asList(use).subList(from, 3));
                break;
            }
            case EC: {
                int from = size <= 256 ? 0 : size <= 384 ? 1 : 2;
                SignatureScheme[] ec = {SignatureScheme.ECDSA_SHA256, SignatureScheme.ECDSA_SHA384,
                        SignatureScheme.ECDSA_SHA512};
                out.addAll(Arrays.asList(ec).subList(from, 3));
                break;
            }
            case ED25519:
                out.add(SignatureScheme.ED25519);
                break;
            default:
                out.add(SignatureScheme.ED448);
                break;
        }
        return out;
    }

    /** The first scheme for {@code key} whose hash the peer announced (RFC 7427 §4). */
    public Optional<SignatureScheme> select(final PrivateKey key, final SignatureHashAlgorithms peer) {
        for (SignatureScheme s : schemesFor(key)) {
            if (peer.contains(s.hash())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Signs {@code signedOctets}. With {@code peerHashes} (the peer sent SIGNATURE_HASH_ALGORITHMS) this uses
     * method 14 and a scheme the peer accepts; otherwise, or when no hash is shared, the classic method for the
     * key (1 for RSA, 9/10/11 for the matching NIST curve). EdDSA has no classic method.
     *
     * @param peerHashes the peer's SIGNATURE_HASH_ALGORITHMS, or {@code null} if it sent none
     */
    public AuthData sign(final PrivateKey key, final byte[] signedOctets, final SignatureHashAlgorithms peerHashes)
            throws AuthException {
        if (KeyKinds.of(key) == null) {
            throw new AuthException("cannot sign with a " + key.getAlgorithm() + " key");
        }
        if (peerHashes != null) {
            Optional<SignatureScheme> scheme = select(key, peerHashes);
            if (scheme.isPresent()) {
                return signDigitalSignature(key, scheme.get(), signedOctets);
            }
        }
        return signClassic(key, signedOctets);
    }

    /** Method 14 with an explicitly chosen scheme (RFC 7427 §3). */
    public AuthData signDigitalSignature(final PrivateKey key, final SignatureScheme scheme,
                                         final byte[] signedOctets) throws AuthException {
        if (KeyKinds.of(key) != scheme.keyKind()) {
            throw new AuthException(scheme + " needs a " + scheme.keyKind() + " key, not " + key.getAlgorithm());
        }
        byte[] algId = scheme.algorithmIdentifier();
        byte[] sig = jcaSign(key, scheme.jcaName(), scheme.parameterSpec(), signedOctets);
        // RFC 7427 §3: Authentication Data = ASN.1 Length (1 octet) || AlgorithmIdentifier || Signature Value
        byte[] data = new byte[1 + algId.length + sig.length];
        data[0] = (byte) algId.length;
        System.arraycopy(algId, 0, data, 1, algId.length);
        System.arraycopy(sig, 0, data, 1 + algId.length, sig.length);
        return new AuthData(AuthMethod.DIGITAL_SIGNATURE, data);
    }

    /** The classic methods: RSA (1, SHA-1; RFC 7296 §3.8) or ECDSA (9/10/11; RFC 4754 §3). */
    public AuthData signClassic(final PrivateKey key, final byte[] signedOctets) throws AuthException {
        SignatureScheme.KeyKind kind = KeyKinds.of(key);
        if (kind == SignatureScheme.KeyKind.RSA) {
            return new AuthData(AuthMethod.RSA_DIGITAL_SIGNATURE, jcaSign(key, "SHA1withRSA", null, signedOctets));
        }
        if (kind == SignatureScheme.KeyKind.EC) {
            EcdsaMethod m = EcdsaMethod.forCurveBits(KeyKinds.size(key));
            if (m == null) {
                throw new AuthException("no RFC 4754 method for a " + KeyKinds.size(key) + "-bit curve; need RFC 7427");
            }
            return new AuthData(m.method, jcaSign(key, m.jcaP1363, null, signedOctets));
        }
        throw new AuthException(key.getAlgorithm() + " keys need RFC 7427 (peer sent no SIGNATURE_HASH_ALGORITHMS)");
    }

    /**
     * Verifies AUTH data made by the peer with the key from its certificate (or raw public key).
     *
     * @param announced the hashes we sent in SIGNATURE_HASH_ALGORITHMS, to refuse method-14 signatures with others
     *                  (RFC 7427 §4); {@code null} to accept any supported hash
     */
    public void verify(final PublicKey key, final byte[] signedOctets, final AuthData auth,
                       final SignatureHashAlgorithms announced) throws AuthException {
        SignatureScheme.KeyKind kind = KeyKinds.of(key);
        if (kind == null) {
            throw new AuthException("cannot verify with a " + key.getAlgorithm() + " key");
        }
        byte[] data = auth.data();
        int method = auth.method().value();
        boolean ok;
        if (method == AuthMethod.RSA_DIGITAL_SIGNATURE.value()) {
            requireKind(kind, SignatureScheme.KeyKind.RSA, auth.method());
            ok = jcaVerify(key, "SHA1withRSA", null, signedOctets, data);
        } else if (method >= 9 && method <= 11) {
            requireKind(kind, SignatureScheme.KeyKind.EC, auth.method());
            EcdsaMethod m = EcdsaMethod.forCurveBits(KeyKinds.size(key));
            if (m == null || m.method.value() != method) {
                throw new AuthException(auth.method() + " does not match the peer's " + KeyKinds.size(key)
                        + "-bit curve (RFC 4754)");
            }
            if (data.length != 2 * ((KeyKinds.size(key) + 7) / 8)) {
                throw new AuthException("ECDSA signature must be r||s of " + 2 * ((KeyKinds.size(key) + 7) / 8)
                        + " bytes, got " + data.length);
            }
            ok = jcaVerify(key, m.jcaP1363, null, signedOctets, data);
        } else if (method == AuthMethod.DIGITAL_SIGNATURE.value()) {
            ok = verifyDigitalSignature(key, kind, signedOctets, data, announced);
        } else {
            throw new AuthException("unsupported AUTH method " + auth.method());
        }
        if (!ok) {
            throw new AuthException("signature of " + auth.method() + " does not verify");
        }
    }

    private boolean verifyDigitalSignature(final PublicKey key, final SignatureScheme.KeyKind kind,
                                           final byte[] signedOctets, final byte[] data,
                                           final SignatureHashAlgorithms announced) throws AuthException {
        if (data.length < 1) {
            throw new AuthException("Digital Signature AUTH data is empty");
        }
        int algLen = data[0] & 0xff;
        if (1 + algLen > data.length) {
            throw new AuthException("AlgorithmIdentifier length " + algLen + " exceeds the AUTH data");
        }
        Verification v = parseAlgorithmIdentifier(Arrays.copyOfRange(data, 1, 1 + algLen));
        if (v.scheme.keyKind() != kind) {
            throw new AuthException(v.scheme + " signature does not fit the peer's " + kind + " key");
        }
        if (announced != null && !announced.contains(v.scheme.hash())) {
            throw new AuthException("peer signed with " + v.scheme.hash() + ", which we did not announce");
        }
        return jcaVerify(key, v.scheme.jcaName(), v.spec, signedOctets, Arrays.copyOfRange(data, 1 + algLen,
                data.length));
    }

    /** Matches a received AlgorithmIdentifier to a scheme; PSS keeps the peer's salt length (RFC 4055 §3.1). */
    static Verification parseAlgorithmIdentifier(final byte[] der) throws AuthException {
        try {
            return parseAlgorithmIdentifierUnchecked(der);
        } catch (IOException | RuntimeException e) {
            // BC's ASN.1 getInstance methods signal bad structure with assorted runtime exceptions
            throw new AuthException("malformed AlgorithmIdentifier in AUTH data");
        }
    }

    private static Verification parseAlgorithmIdentifierUnchecked(final byte[] der)
            throws AuthException, IOException {
        AlgorithmIdentifier id = AlgorithmIdentifier.getInstance(ASN1Primitive.fromByteArray(der));
        if (id == null) {
            throw new AuthException("AUTH data holds no AlgorithmIdentifier");
        }
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (!oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            for (SignatureScheme s : SignatureScheme.values()) {
                if (s.oid().equals(oid)) {
                    return new Verification(s, null);
                }
            }
            throw new AuthException("unsupported signature algorithm " + oid.getId());
        }
        ASN1Encodable params = id.getParameters();
        RSASSAPSSparams p = params == null ? null : RSASSAPSSparams.getInstance(params);
        if (p == null) {
            throw new AuthException("RSASSA-PSS without parameters is not supported");
        }
        ASN1ObjectIdentifier hashOid = p.getHashAlgorithm().getAlgorithm();
        SignatureScheme scheme = null;
        for (SignatureScheme s : new SignatureScheme[]{SignatureScheme.RSA_PSS_SHA256, SignatureScheme.RSA_PSS_SHA384,
                SignatureScheme.RSA_PSS_SHA512}) {
            AlgorithmIdentifier expected = AlgorithmIdentifier.getInstance(s.algorithmIdentifier());
            RSASSAPSSparams ep = RSASSAPSSparams.getInstance(expected.getParameters());
            if (ep.getHashAlgorithm().getAlgorithm().equals(hashOid)) {
                scheme = s;
            }
        }
        if (scheme == null) {
            throw new AuthException("unsupported RSASSA-PSS hash " + hashOid.getId());
        }
        AlgorithmIdentifier mgf = p.getMaskGenAlgorithm();
        AlgorithmIdentifier mgfHash = mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
                && mgf.getParameters() != null ? AlgorithmIdentifier.getInstance(mgf.getParameters()) : null;
        if (mgfHash == null || !mgfHash.getAlgorithm().equals(hashOid)) {
            throw new AuthException("RSASSA-PSS needs MGF1 with the signature hash");
        }
        if (p.getTrailerField().intValueExact() != 1) {
            throw new AuthException("RSASSA-PSS trailer field must be 1");
        }
        int salt = p.getSaltLength().intValueExact();
        if (salt < 0 || salt > 512) {
            throw new AuthException("RSASSA-PSS salt length " + salt + " out of range");
        }
        PSSParameterSpec defaults = (PSSParameterSpec) scheme.parameterSpec();
        return new Verification(scheme, new PSSParameterSpec(defaults.getDigestAlgorithm(), "MGF1",
                (MGF1ParameterSpec) defaults.getMGFParameters(), salt, PSSParameterSpec.TRAILER_FIELD_BC));
    }

    private static void requireKind(final SignatureScheme.KeyKind actual, final SignatureScheme.KeyKind needed,
                                    final AuthMethod method) throws AuthException {
        if (actual != needed) {
            throw new AuthException(method + " needs a " + needed + " key, the peer's is " + actual);
        }
    }

    private static byte[] jcaSign(final PrivateKey key, final String algorithm, final AlgorithmParameterSpec spec,
                                  final byte[] octets) throws AuthException {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            if (spec != null) {
                s.setParameter(spec);
            }
            s.update(octets);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new AuthException("signing with " + algorithm + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean jcaVerify(final PublicKey key, final String algorithm, final AlgorithmParameterSpec spec,
                                     final byte[] octets, final byte[] signature) throws AuthException {
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_LENGTH) {
            throw new AuthException("signature length " + signature.length + " out of range");
        }
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            if (spec != null) {
                s.setParameter(spec);
            }
            s.update(octets);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a malformed DER ECDSA signature or wrong length surfaces here: treat as a failed verification
            return false;
        }
    }

    /** A parsed method-14 AlgorithmIdentifier. */
    record Verification(SignatureScheme scheme, AlgorithmParameterSpec spec) {
    }

    /** RFC 4754 §3: the curve fixes both the method number and the hash. */
    private enum EcdsaMethod {
        P256(AuthMethod.ECDSA_SHA256_P256, "SHA256withECDSAinP1363Format", 256),
        P384(AuthMethod.ECDSA_SHA384_P384, "SHA384withECDSAinP1363Format", 384),
        P521(AuthMethod.ECDSA_SHA512_P521, "SHA512withECDSAinP1363Format", 521);

        private final AuthMethod method;
        private final String jcaP1363;
        private final int bits;

        EcdsaMethod(final AuthMethod method, final String jcaP1363, final int bits) {
            this.method = method;
            this.jcaP1363 = jcaP1363;
            this.bits = bits;
        }

        static EcdsaMethod forCurveBits(final int bits) {
            for (EcdsaMethod m : values()) {
                if (m.bits == bits) {
                    return m;
                }
            }
            return null;
        }
    }
}
