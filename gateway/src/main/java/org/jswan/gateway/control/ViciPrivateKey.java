package org.jswan.gateway.control;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The private key of a VICI {@code load-key}. swanctl sends the key's PRIVKEY_ASN1_DER encoding with its type: for
 * {@code rsa} a PKCS#1 RSAPrivateKey, for {@code ecdsa} a SEC1 ECPrivateKey naming its curve, for {@code ed25519} a
 * PKCS#8 PrivateKeyInfo; {@code any} and PKCS#8 of every type are accepted too. Key bytes never reach a message.
 */
final class ViciPrivateKey {
    private ViciPrivateKey() {
    }

    static PrivateKey decode(final String type, final byte[] der) throws IllegalArgumentException {
        String t = type.toLowerCase(Locale.ROOT);
        if (!t.equals("rsa") && !t.equals("ecdsa") && !t.equals("ed25519") && !t.equals("any")) {
            throw new IllegalArgumentException("private keys of type '" + type + "' are not supported by jswan "
                    + "(rsa, ecdsa, ed25519, any)");
        }
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("the " + t + " key is not DER encoded");
        }
        PrivateKeyInfo info = pkcs8(seq);
        if (info == null && (t.equals("rsa") || t.equals("any")) && seq.size() == 9) {
            try {
                info = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), RSAPrivateKey.getInstance(seq));
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                info = null;
            }
        }
        if (info == null && (t.equals("ecdsa") || t.equals("any"))) {
            info = sec1(seq);
        }
        if (info == null) {
            throw new IllegalArgumentException("the " + t + " key is neither PKCS#8 nor "
                    + (t.equals("rsa") ? "PKCS#1" : t.equals("ecdsa") ? "SEC1 with a named curve" : "PKCS#1/SEC1"));
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new IllegalArgumentException("unsupported or malformed " + t + " key ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + ")");
        }
    }

    private static PrivateKeyInfo pkcs8(final ASN1Sequence seq) {
        try {
            return PrivateKeyInfo.getInstance(seq);
        } catch (RuntimeException e) { // BouncyCastle signals malformed structures with various runtime types
            return null;
        }
    }

    private static PrivateKeyInfo sec1(final ASN1Sequence seq) {
        try {
            ECPrivateKey ec = ECPrivateKey.getInstance(seq);
            ASN1Encodable params = ec.getParametersObject();
            if (!(params instanceof ASN1ObjectIdentifier)) {
                return null;
            }
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), ec);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            return null;
        }
    }
}
