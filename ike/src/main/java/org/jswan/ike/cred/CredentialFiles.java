package org.jswan.ike.cred;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads one certificate or private key file, PEM or DER, as swanctl does. Keys: PKCS#1 (RSA), SEC1 (EC), PKCS#8
 * (RSA, EC, Ed25519, Ed448). Encrypted keys are refused with a clear message (not supported yet).
 */
public final class CredentialFiles {

    /** No credential file is this large; refuse before reading it into memory. */
    static final long MAX_FILE_SIZE = 1 << 20;

    private CredentialFiles() {
    }

    public static X509Certificate readCertificate(final Path file) throws CredentialException {
        byte[] bytes = read(file);
        byte[] der = bytes;
        if (isPem(bytes)) {
            Object o = readPem(file, bytes);
            if (!(o instanceof X509CertificateHolder)) {
                throw new CredentialException(file + ": expected a PEM CERTIFICATE, found " + describe(o));
            }
            try {
                der = ((X509CertificateHolder) o).getEncoded();
            } catch (IOException e) {
                throw new CredentialException(file + ": certificate cannot be re-encoded", e);
            }
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new CredentialException(file + ": not an X.509 certificate (PEM or DER): " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(final Path file) throws CredentialException {
        byte[] bytes = read(file);
        PrivateKeyInfo info;
        if (isPem(bytes)) {
            Object o = readPem(file, bytes);
            if (o instanceof PEMKeyPair) {
                info = ((PEMKeyPair) o).getPrivateKeyInfo(); // PKCS#1 RSA or SEC1 EC
            } else if (o instanceof PrivateKeyInfo) {
                info = (PrivateKeyInfo) o; // PKCS#8
            } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new CredentialException(file + ": encrypted private keys are not supported yet");
            } else {
                throw new CredentialException(file + ": expected a private key, found " + describe(o));
            }
        } else {
            info = parseDerKey(file, bytes);
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new CredentialException(file + ": unsupported or malformed private key ("
                    + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + ")", e);
        }
    }

    /** DER: PKCS#8, then PKCS#1 RSAPrivateKey, then SEC1 ECPrivateKey (which must name its curve). */
    private static PrivateKeyInfo parseDerKey(final Path file, final byte[] der) throws CredentialException {
        ASN1Sequence seq;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new CredentialException(file + ": neither PEM nor a DER private key");
        }
        if (seq.size() == 2 && seq.getObjectAt(0).toASN1Primitive() instanceof ASN1Sequence) {
            try {
                EncryptedPrivateKeyInfo.getInstance(seq);
                throw new CredentialException(file + ": encrypted private keys are not supported yet");
            } catch (IllegalArgumentException ignored) {
                // not encrypted PKCS#8, fall through
            }
        }
        try {
            return PrivateKeyInfo.getInstance(seq);
        } catch (IllegalArgumentException | IllegalStateException ignored) {
            // not PKCS#8
        }
        if (seq.size() == 9) {
            try {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(seq);
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                        DERNull.INSTANCE), rsa);
            } catch (IllegalArgumentException | IllegalStateException | IOException ignored) {
                // not PKCS#1
            }
        }
        try {
            ECPrivateKey ec = ECPrivateKey.getInstance(seq);
            ASN1Encodable params = ec.getParametersObject();
            if (!(params instanceof ASN1ObjectIdentifier)) {
                throw new CredentialException(file + ": SEC1 EC key without a named curve");
            }
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), ec);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            throw new CredentialException(file + ": DER data is not a PKCS#8, PKCS#1 or SEC1 private key");
        }
    }

    private static Object readPem(final Path file, final byte[] bytes) throws CredentialException {
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            // "openssl ecparam -genkey" writes EC PARAMETERS before EC PRIVATE KEY
            while (o instanceof ASN1ObjectIdentifier) {
                o = parser.readObject();
            }
            if (o == null) {
                throw new CredentialException(file + ": no PEM object found");
            }
            return o;
        } catch (IOException | RuntimeException e) {
            throw new CredentialException(file + ": malformed PEM: " + e.getMessage(), e);
        }
    }

    private static String describe(final Object o) {
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }

    private static byte[] read(final Path file) throws CredentialException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new CredentialException(file + ": file of " + size + " bytes is too large for a credential");
            }
            if (size == 0) {
                throw new CredentialException(file + ": file is empty");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CredentialException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean isPem(final byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == 0x30) {
            return false; // DER SEQUENCE
        }
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        byte[] marker = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
        for (int j = 0; j < bytes.length - i; j++) {
            // tolerate leading text (e.g. "Bag Attributes" from openssl pkcs12) before the first PEM marker
            if (matchesAt(bytes, i + j, marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(final byte[] b, final int off, final byte[] m) {
        if (off + m.length > b.length) {
            return false;
        }
        for (int k = 0; k < m.length; k++) {
            if (b[off + k] != m[k]) {
                return false;
            }
        }
        return true;
    }
}
