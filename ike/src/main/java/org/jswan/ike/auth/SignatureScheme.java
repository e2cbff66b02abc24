package org.jswan.ike.auth;

import java.io.IOException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.jswan.ike.message.HashAlgorithm;

/**
 * The signature schemes jswan signs and verifies with: JCA name, parameters, the hash announced in
 * SIGNATURE_HASH_ALGORITHMS, and the AlgorithmIdentifier carried in RFC 7427 AUTH data. Internal: the wire only
 * sees AlgorithmIdentifier bytes and auth method numbers.
 */
public enum SignatureScheme {
    RSA_PKCS1_SHA1(KeyKind.RSA, HashAlgorithm.SHA1, "SHA1withRSA", PKCSObjectIdentifiers.sha1WithRSAEncryption),
    RSA_PKCS1_SHA256(KeyKind.RSA, HashAlgorithm.SHA2_256, "SHA256withRSA",
            PKCSObjectIdentifiers.sha256WithRSAEncryption),
    RSA_PKCS1_SHA384(KeyKind.RSA, HashAlgorithm.SHA2_384, "SHA384withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption),
    RSA_PKCS1_SHA512(KeyKind.RSA, HashAlgorithm.SHA2_512, "SHA512withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption),
    /** RSASSA-PSS, MGF1 with the same hash, salt = hash length, trailer 1 (RFC 7427 App. A.4; RFC 8017). */
    RSA_PSS_SHA256(KeyKind.RSA, HashAlgorithm.SHA2_256, "RSASSA-PSS", PKCSObjectIdentifiers.id_RSASSA_PSS),
    RSA_PSS_SHA384(KeyKind.RSA, HashAlgorithm.SHA2_384, "RSASSA-PSS", PKCSObjectIdentifiers.id_RSASSA_PSS),
    RSA_PSS_SHA512(KeyKind.RSA, HashAlgorithm.SHA2_512, "RSASSA-PSS", PKCSObjectIdentifiers.id_RSASSA_PSS),
    ECDSA_SHA256(KeyKind.EC, HashAlgorithm.SHA2_256, "SHA256withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA256),
    ECDSA_SHA384(KeyKind.EC, HashAlgorithm.SHA2_384, "SHA384withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA384),
    ECDSA_SHA512(KeyKind.EC, HashAlgorithm.SHA2_512, "SHA512withECDSA", X9ObjectIdentifiers.ecdsa_with_SHA512),
    /** RFC 8420: EdDSA signs the octets directly, announced as hash "Identity". */
    ED25519(KeyKind.ED25519, HashAlgorithm.IDENTITY, "Ed25519", EdECObjectIdentifiers.id_Ed25519),
    ED448(KeyKind.ED448, HashAlgorithm.IDENTITY, "Ed448", EdECObjectIdentifiers.id_Ed448);

    private final KeyKind keyKind;
    private final HashAlgorithm hash;
    private final String jcaName;
    private final ASN1ObjectIdentifier oid;

    SignatureScheme(final KeyKind keyKind, final HashAlgorithm hash, final String jcaName,
                    final ASN1ObjectIdentifier oid) {
        this.keyKind = keyKind;
        this.hash = hash;
        this.jcaName = jcaName;
        this.oid = oid;
    }

    public KeyKind keyKind() {
        return keyKind;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    String jcaName() {
        return jcaName;
    }

    boolean isPss() {
        return oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS);
    }

    /** JCA parameters, or {@code null} when the algorithm name says everything. */
    AlgorithmParameterSpec parameterSpec() {
        if (!isPss()) {
            return null;
        }
        String h = hashJcaName();
        int saltLength = hashLength();
        MGF1ParameterSpec mgf = new MGF1ParameterSpec(h);
        return new PSSParameterSpec(h, "MGF1", mgf, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** The DER AlgorithmIdentifier for RFC 7427 AUTH data (RFC 7427 §3, App. A). */
    public byte[] algorithmIdentifier() {
        AlgorithmIdentifier id;
        if (isPss()) {
            AlgorithmIdentifier hashId = new AlgorithmIdentifier(hashOid(), DERNull.INSTANCE);
            AlgorithmIdentifier mgf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, hashId);
            id = new AlgorithmIdentifier(oid, new RSASSAPSSparams(hashId, mgf,
                    new ASN1Integer(hashLength()), RSASSAPSSparams.DEFAULT_TRAILER_FIELD));
        } else if (keyKind == KeyKind.RSA) {
            id = new AlgorithmIdentifier(oid, DERNull.INSTANCE); // RFC 8017 App. A.2.4: parameters NULL
        } else {
            id = new AlgorithmIdentifier(oid); // RFC 5758 §3.2, RFC 8410 §3: parameters absent
        }
        try {
            return id.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    private ASN1ObjectIdentifier hashOid() {
        switch (hash.value()) {
            case 2: return NISTObjectIdentifiers.id_sha256;
            case 3: return NISTObjectIdentifiers.id_sha384;
            case 4: return NISTObjectIdentifiers.id_sha512;
            default: throw new IllegalStateException("no PSS with " + hash);
        }
    }

    private String hashJcaName() {
        switch (hash.value()) {
            case 2: return "SHA-256";
            case 3: return "SHA-384";
            case 4: return "SHA-512";
            default: throw new IllegalStateException("no PSS with " + hash);
        }
    }

    private int hashLength() {
        switch (hash.value()) {
            case 2: return 32;
            case 3: return 48;
            case 4: return 64;
            default: throw new IllegalStateException("no PSS with " + hash);
        }
    }

    /** The families of keys IKE signs with. */
    public enum KeyKind { RSA, EC, ED25519, ED448 }
}
