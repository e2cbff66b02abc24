package org.jswan.gateway.demo;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and ECDSA P-256 gateway certificates for {@code jswan demo --auth cert}, written in the swanctl
 * layout: {@code x509ca/demo-ca.pem}, {@code x509/<name>.pem}, {@code private/<name>.pem}. Valid for one day.
 */
final class DemoPki {
    private final KeyPair caKey;
    private final X509Certificate caCert;
    private final SecureRandom random = new SecureRandom();

    private DemoPki(final KeyPair caKey, final X509Certificate caCert) {
        this.caKey = caKey;
        this.caCert = caCert;
    }

    static DemoPki create() {
        try {
            KeyPair kp = generate();
            X500Name dn = new X500Name("CN=jswan demo CA, O=jswan demo");
            X509v3CertificateBuilder b = builder(dn, dn, kp.getPublic(), new SecureRandom());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new DemoPki(kp, sign(b, kp.getPrivate()));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new DemoException("cannot create the demo CA: " + e.getMessage(), e);
        }
    }

    /** Issues a certificate for {@code fqdn} (CN and subjectAltName DNS) and writes CA, cert and key into dir. */
    void issue(final Path swanctlDir, final String name, final String fqdn) {
        try {
            KeyPair kp = generate();
            X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + fqdn + ", O=jswan demo"), kp.getPublic(),
                    random);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, fqdn)));
            X509Certificate cert = sign(b, caKey.getPrivate());
            write(swanctlDir.resolve("x509ca").resolve("demo-ca.pem"), caCert);
            write(swanctlDir.resolve("x509").resolve(name + ".pem"), cert);
            Path key = swanctlDir.resolve("private").resolve(name + ".pem");
            // PKCS#8 "PRIVATE KEY" keeps the curve OID; the SEC1 form BouncyCastle derives from a SunEC key lacks it
            writePem(key, new PemObject("PRIVATE KEY", kp.getPrivate().getEncoded()));
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new DemoException("cannot issue the demo certificate for " + fqdn + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(final X500Name issuer, final X500Name subject,
                                                    final PublicKey key, final SecureRandom random) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, key);
    }

    private static X509Certificate sign(final X509v3CertificateBuilder b, final PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static void writePem(final Path file, final PemObject pem) throws IOException {
        Files.createDirectories(file.getParent());
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(pem);
        }
        Files.writeString(file, sw.toString());
    }

    private static void write(final Path file, final Object pemObject) throws IOException {
        Files.createDirectories(file.getParent());
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(pemObject);
        }
        Files.writeString(file, sw.toString());
    }
}
