package org.jswan.ike.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {

    @TempDir
    Path dir;

    @Test
    void loadsRsaInPkcs1AndPkcs8PemAndDer() throws Exception {
        KeyPair kp = TestPki.rsa(2048);
        assertLoads(kp, "rsa-pkcs1.pem", KeyFormats.pem("RSA PRIVATE KEY", KeyFormats.pkcs1Der(kp.getPrivate())));
        assertLoads(kp, "rsa-pkcs1.der", KeyFormats.pkcs1Der(kp.getPrivate()));
        assertLoads(kp, "rsa-pkcs8.pem", KeyFormats.pem("PRIVATE KEY", KeyFormats.pkcs8Der(kp.getPrivate())));
        assertLoads(kp, "rsa-pkcs8.der", KeyFormats.pkcs8Der(kp.getPrivate()));
    }

    @Test
    void loadsEcInSec1AndPkcs8PemAndDer() throws Exception {
        for (String curve : new String[]{"secp256r1", "secp384r1", "secp521r1"}) {
            KeyPair kp = TestPki.ec(curve);
            assertLoads(kp, curve + ".sec1.pem", KeyFormats.pem("EC PRIVATE KEY", KeyFormats.sec1Der(kp.getPrivate())));
            assertLoads(kp, curve + ".sec1.der", KeyFormats.sec1Der(kp.getPrivate()));
            assertLoads(kp, curve + ".p8.pem", KeyFormats.pem("PRIVATE KEY", KeyFormats.pkcs8Der(kp.getPrivate())));
            assertLoads(kp, curve + ".p8.der", KeyFormats.pkcs8Der(kp.getPrivate()));
        }
    }

    @Test
    void loadsEdwardsKeysInPkcs8PemAndDer() throws Exception {
        for (String alg : new String[]{"Ed25519", "Ed448"}) {
            KeyPair kp = TestPki.ed(alg);
            assertLoads(kp, alg + ".pem", KeyFormats.pem("PRIVATE KEY", KeyFormats.pkcs8Der(kp.getPrivate())));
            assertLoads(kp, alg + ".der", KeyFormats.pkcs8Der(kp.getPrivate()));
        }
    }

    @Test
    void loadsCertificatesPemAndDer() throws Exception {
        X509Certificate ca = TestPki.ca("C=CH, O=strongSwan, CN=Root CA", TestPki.ec("secp256r1"));
        assertEquals(ca, CredentialFiles.readCertificate(KeyFormats.write(dir, "ca.pem", KeyFormats.certPem(ca))));
        assertEquals(ca, CredentialFiles.readCertificate(KeyFormats.write(dir, "ca.der", ca.getEncoded())));
    }

    @Test
    void refusesEncryptedKeysClearly() throws Exception {
        KeyPair kp = TestPki.ec("secp256r1");
        Path f = KeyFormats.write(dir, "enc.pem", KeyFormats.encryptedPkcs8Pem(kp.getPrivate()));
        CredentialException e = assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(f));
        assertTrue(e.getMessage().contains("enc.pem") && e.getMessage().contains("encrypted"), e.getMessage());
        Path trad = KeyFormats.write(dir, "trad.pem", KeyFormats.encryptedTraditionalPem(kp.getPrivate()));
        e = assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(trad));
        assertTrue(e.getMessage().contains("trad.pem") && e.getMessage().contains("encrypted"), e.getMessage());
        byte[] der = new org.bouncycastle.util.io.pem.PemReader(new java.io.StringReader(new String(
                        KeyFormats.encryptedPkcs8Pem(kp.getPrivate()), StandardCharsets.US_ASCII))).readPemObject()
                        .getContent();
        Path encDer = KeyFormats.write(dir, "enc.der", der);
        e = assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(encDer));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws Exception {
        Path junk = KeyFormats.write(dir, "junk.key", "hello".getBytes(StandardCharsets.US_ASCII));
        CredentialException e = assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());

        Path empty = KeyFormats.write(dir, "empty.pem", new byte[0]);
        e = assertThrows(CredentialException.class, () -> CredentialFiles.readCertificate(empty));
        assertTrue(e.getMessage().contains("empty.pem") && e.getMessage().contains("empty"), e.getMessage());

        KeyPair kp = TestPki.rsa(2048);
        Path keyAsCert = KeyFormats.write(dir, "key-as-cert.pem",
                KeyFormats.pem("RSA PRIVATE KEY", KeyFormats.pkcs1Der(kp.getPrivate())));
        e = assertThrows(CredentialException.class, () -> CredentialFiles.readCertificate(keyAsCert));
        assertTrue(e.getMessage().contains("expected a PEM CERTIFICATE"), e.getMessage());

        Path certAsKey = KeyFormats.write(dir, "cert-as-key.pem",
                KeyFormats.certPem(TestPki.ca("CN=x", kp)));
        e = assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(certAsKey));
        assertTrue(e.getMessage().contains("expected a private key"), e.getMessage());

        Path truncated = KeyFormats.write(dir, "trunc.der", java.util.Arrays.copyOf(
                KeyFormats.pkcs8Der(kp.getPrivate()), 40));
        assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(truncated));
        assertThrows(CredentialException.class, () -> CredentialFiles.readPrivateKey(dir.resolve("missing.pem")));
    }

    private void assertLoads(final KeyPair kp, final String name, final byte[] content) throws Exception {
        PrivateKey loaded = CredentialFiles.readPrivateKey(KeyFormats.write(dir, name, content));
        assertTrue(KeyPairMatcher.matches(loaded, kp.getPublic()), name);
    }
}
