package org.jswan.ike.cred;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds throw-away keys and certificates for tests (BouncyCastle builder, JDK keys). */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private TestPki() {
    }

    public static KeyPair rsa(final int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    public static KeyPair ec(final String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    public static KeyPair ed(final String name) throws Exception {
        return KeyPairGenerator.getInstance(name).generateKeyPair();
    }

    public static String signatureAlgorithm(final PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA": return "SHA256withRSA";
            case "EC": return "SHA256withECDSA";
            default: return key instanceof java.security.interfaces.EdECKey
                    ? ((java.security.interfaces.EdECKey) key).getParams().getName() : key.getAlgorithm();
        }
    }

    /** A self-signed CA valid from one day ago for {@code days}. */
    public static X509Certificate ca(final String dn, final KeyPair kp) throws Exception {
        return issue(dn, kp, dn, kp.getPrivate(), true, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)));
    }

    public static X509Certificate issue(final String subject, final KeyPair subjectKeys, final String issuer,
                                        final PrivateKey issuerKey, final boolean isCa, final Instant notBefore,
                                        final Instant notAfter, final GeneralName... sans) throws Exception {
        return issue(subject, subjectKeys, new X500Name(issuer), issuerKey, isCa, notBefore, notAfter, sans);
    }

    public static X509Certificate issue(final String subject, final KeyPair subjectKeys, final X500Name issuer,
                                        final PrivateKey issuerKey, final boolean isCa, final Instant notBefore,
                                        final Instant notAfter, final GeneralName... sans) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                new X500Name(subject), subjectKeys.getPublic());
        if (isCa) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (sans.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
    }

    public static X509Certificate endEntity(final String subject, final KeyPair keys, final X509Certificate ca,
                                            final PrivateKey caKey, final GeneralName... sans) throws Exception {
        // the issuer name must be the CA's subject byte for byte (RDN order included)
        return issue(subject, keys, X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), caKey, false,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), sans);
    }
}
