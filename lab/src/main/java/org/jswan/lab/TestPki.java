package org.jswan.lab;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A throw-away PKI for interop tests: keys from the JDK providers (SunEC, SunRsaSign: faster than BC's here),
 * certificates and PEM encodings from BouncyCastle. One CA and any number of host certificates (RSA,
 * ECDSA P-256 or Ed25519 keys; a DN and subjectAltName DNS/IP entries), written as PEM files into a folder.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(lab.reportDir().resolve("pki"), KeyType.ECDSA_P256);
 * HostCredential gw = pki.issue("gwA", KeyType.ECDSA_P256, "CN=gwa.jswan.test, O=jswan lab",
 *         List.of("gwa.jswan.test"), List.of("192.168.0.1"));
 * }</pre>
 */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final Path dir;
    private final HostCredential ca;
    private final X500Name caName;

    private TestPki(Path dir, HostCredential ca) {
        this.dir = dir;
        this.ca = ca;
        this.caName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    /** Creates the CA ({@code CN=jswan lab CA, O=jswan lab}) with a key of {@code caKeyType}; writes {@code ca.*}. */
    public static TestPki create(Path dir, KeyType caKeyType) {
        return create(dir, caKeyType, "CN=jswan lab CA, O=jswan lab");
    }

    public static TestPki create(Path dir, KeyType caKeyType, String caDn) {
        try {
            Files.createDirectories(dir);
            KeyPair kp = generate(caKeyType);
            X500Name name = new X500Name(caDn);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(name, name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = sign(b, kp, caKeyType);
            return new TestPki(dir, write(dir, "ca", caKeyType, cert, kp));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new LabException("cannot create test CA: " + e.getMessage(), e);
        }
    }

    public HostCredential ca() {
        return ca;
    }

    /** {@code ca.crt.pem}: goes into swanctl's {@code x509ca}. */
    public Path caCertFile() {
        return ca.certFile();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Issues an end-entity certificate signed by the CA.
     *
     * @param name     file-name stem ({@code <name>.crt.pem}, {@code <name>.pkcs8.pem})
     * @param dn       subject DN, e.g. {@code CN=gwa.jswan.test, O=jswan lab}
     * @param dnsNames subjectAltName dNSName entries (may be empty)
     * @param ips      subjectAltName iPAddress entries, IPv4 or IPv6 literals (may be empty)
     */
    public HostCredential issue(String name, KeyType keyType, String dn, List<String> dnsNames, List<String> ips) {
        try {
            KeyPair kp = generate(keyType);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(caName, new X500Name(dn), kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature
                    | (keyType.jcaAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth,
                        KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(ca.certificate()));
            List<GeneralName> sans = new ArrayList<>();
            dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
            ips.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(checkedIp(ip)))));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            return write(dir, name, keyType, sign(b, ca.keyPair(), ca.keyType()), kp);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new LabException("cannot issue certificate " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the private key in its traditional form: PKCS#1 {@code RSA PRIVATE KEY} for RSA, SEC1
     * {@code EC PRIVATE KEY} (RFC 5915, with the curve OID) for ECDSA. Ed25519 has no such form (PKCS#8 only).
     *
     * @return {@code <name>.rsa.pem} or {@code <name>.ec.pem} in the PKI folder
     */
    public Path writeTraditionalKey(HostCredential cred) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(cred.keyPair().getPrivate().getEncoded());
        try {
            switch (cred.keyType()) {
                case RSA_2048:
                case RSA_3072:
                case RSA_4096: {
                    Path f = dir.resolve(cred.name() + ".rsa.pem");
                    writePem(f, new PemObject("RSA PRIVATE KEY",
                            info.parsePrivateKey().toASN1Primitive().getEncoded()));
                    return f;
                }
                case ECDSA_P256: {
                    ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                    ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
                    SubjectPublicKeyInfo spki =
                            SubjectPublicKeyInfo.getInstance(cred.keyPair().getPublic().getEncoded());
                    ECPrivateKey full = new ECPrivateKey(256, inner.getKey(), spki.getPublicKeyData(), curve);
                    Path f = dir.resolve(cred.name() + ".ec.pem");
                    writePem(f, new PemObject("EC PRIVATE KEY", full.getEncoded()));
                    return f;
                }
                default:
                    throw new UnsupportedOperationException(cred.keyType() + " keys exist only as PKCS#8");
            }
        } catch (IOException e) {
            throw new LabException("cannot write traditional key of " + cred.name(), e);
        }
    }

    private static byte[] checkedIp(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no DNS lookup
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(type.jcaAlgorithm());
        switch (type) {
            case RSA_2048:
                g.initialize(2048, RANDOM);
                break;
            case RSA_3072:
                g.initialize(3072, RANDOM);
                break;
            case RSA_4096:
                g.initialize(4096, RANDOM);
                break;
            case ECDSA_P256:
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                break;
            default:
                break;
        }
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer, KeyType signerType)
            throws OperatorCreationException, GeneralSecurityException {
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder(signerType.signatureAlgorithm())
                .build(signer.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static HostCredential write(Path dir, String name, KeyType type, X509Certificate cert, KeyPair kp)
            throws IOException, GeneralSecurityException {
        Path certFile = dir.resolve(name + ".crt.pem");
        Path keyFile = dir.resolve(name + ".pkcs8.pem");
        writePem(certFile, new PemObject("CERTIFICATE", cert.getEncoded()));
        writePem(keyFile, new PemObject("PRIVATE KEY", kp.getPrivate().getEncoded()));
        return new HostCredential(name, type, cert, kp, certFile, keyFile);
    }

    private static void writePem(Path file, PemObject obj) throws IOException {
        StringWriter sw = new StringWriter();
        try (Writer w = sw; PemWriter pw = new PemWriter(w)) {
            pw.writeObject(obj);
        }
        Files.writeString(file, sw.toString(), StandardCharsets.US_ASCII);
    }
}
