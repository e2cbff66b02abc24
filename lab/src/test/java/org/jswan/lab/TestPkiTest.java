package org.jswan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated PKI: chains verify, names are where strongSwan looks for them, PEM forms are the right ones. */
class TestPkiTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void issuesVerifiableCertificateWithNames(KeyType type) throws Exception {
        TestPki pki = TestPki.create(dir, KeyType.ECDSA_P256);
        HostCredential host = pki.issue("h", type, "CN=h.jswan.test, O=jswan lab", List.of("h.jswan.test"),
                List.of("192.0.2.1", "2001:db8::1"));

        X509Certificate ca = readCert(pki.caCertFile());
        X509Certificate cert = readCert(host.certFile());
        cert.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(ca.getBasicConstraints() >= 0);
        // RDNs in the order written, as strongSwan writes and matches DN identities
        assertEquals("CN=h.jswan.test,O=jswan lab",
                X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).toString());
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        assertTrue(sans.contains(List.of(2, "h.jswan.test")), sans.toString());
        assertTrue(sans.contains(List.of(7, "192.0.2.1")), sans.toString());
        assertTrue(sans.stream().anyMatch(s -> s.get(0).equals(7) && s.get(1).toString().startsWith("2001:db8:")),
                sans.toString());

        PemObject pkcs8 = readPem(host.pkcs8File());
        assertEquals("PRIVATE KEY", pkcs8.getType());
        assertTrue(java.util.Arrays.equals(host.keyPair().getPrivate().getEncoded(), pkcs8.getContent()));
    }

    @Test
    void rsaKeyCanBeWrittenAsPkcs1() throws Exception {
        TestPki pki = TestPki.create(dir, KeyType.RSA_2048);
        HostCredential host = pki.issue("r", KeyType.RSA_2048, "CN=r", List.of(), List.of());
        readCert(host.certFile()).verify(readCert(pki.caCertFile()).getPublicKey());
        PemObject pem = readPem(pki.writeTraditionalKey(host));
        assertEquals("RSA PRIVATE KEY", pem.getType());
        RSAPrivateKey k = RSAPrivateKey.getInstance(pem.getContent());
        assertEquals(2048, k.getModulus().bitLength());
    }

    @Test
    void ecKeyCanBeWrittenAsSec1WithCurve() throws Exception {
        TestPki pki = TestPki.create(dir, KeyType.ECDSA_P256);
        HostCredential host = pki.issue("e", KeyType.ECDSA_P256, "CN=e", List.of("e.test"), List.of());
        PemObject pem = readPem(pki.writeTraditionalKey(host));
        assertEquals("EC PRIVATE KEY", pem.getType());
        ECPrivateKey k = ECPrivateKey.getInstance(pem.getContent());
        assertEquals("1.2.840.10045.3.1.7", k.getParametersObject().toString()); // prime256v1 (RFC 5480)
        assertTrue(k.getPublicKey() != null);
    }

    @Test
    void ed25519HasNoTraditionalForm() {
        TestPki pki = TestPki.create(dir, KeyType.ED25519);
        HostCredential host = pki.issue("x", KeyType.ED25519, "CN=x", List.of(), List.of());
        assertThrows(UnsupportedOperationException.class, () -> pki.writeTraditionalKey(host));
    }

    @Test
    void rejectsNonLiteralIp() {
        TestPki pki = TestPki.create(dir, KeyType.ECDSA_P256);
        assertThrows(IllegalArgumentException.class,
                () -> pki.issue("bad", KeyType.ECDSA_P256, "CN=bad", List.of(), List.of("example.org")));
    }

    private static X509Certificate readCert(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static PemObject readPem(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file); PemReader pr = new PemReader(r)) {
            return pr.readPemObject();
        }
    }
}
