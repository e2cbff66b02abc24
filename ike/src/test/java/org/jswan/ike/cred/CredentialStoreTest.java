package org.jswan.ike.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.jswan.ike.auth.CertRequestContent;
import org.jswan.ike.auth.Identity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    private static KeyPair caKeys;
    private static KeyPair moonKeys;
    private static KeyPair sunKeys;
    private static KeyPair carolKeys;
    private static X509Certificate ca;
    private static X509Certificate moon;
    private static X509Certificate sun;
    private static X509Certificate carol;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        caKeys = TestPki.ec("secp384r1");
        ca = TestPki.ca("C=CH, O=strongSwan, CN=strongSwan Root CA", caKeys);
        moonKeys = TestPki.rsa(2048);
        moon = TestPki.endEntity("C=CH, O=strongSwan, CN=moon.strongswan.org", moonKeys, ca, caKeys.getPrivate(),
                new GeneralName(GeneralName.dNSName, "moon.strongswan.org"),
                new GeneralName(GeneralName.iPAddress, "192.168.0.1"));
        sunKeys = TestPki.ec("secp256r1");
        sun = TestPki.endEntity("C=CH, O=strongSwan, CN=sun.strongswan.org", sunKeys, ca, caKeys.getPrivate(),
                new GeneralName(GeneralName.dNSName, "sun.strongswan.org"));
        carolKeys = TestPki.ed("Ed25519");
        carol = TestPki.endEntity("C=CH, O=strongSwan, CN=carol", carolKeys, ca, caKeys.getPrivate(),
                new GeneralName(GeneralName.rfc822Name, "carol@strongswan.org"));
    }

    private void layout() throws Exception {
        KeyFormats.write(dir.resolve("x509ca"), "strongswanCert.pem", KeyFormats.certPem(ca));
        KeyFormats.write(dir.resolve("x509"), "moonCert.pem", KeyFormats.certPem(moon));
        KeyFormats.write(dir.resolve("x509"), "sunCert.der", sun.getEncoded());
        KeyFormats.write(dir.resolve("x509"), "carolCert.pem", KeyFormats.certPem(carol));
        KeyFormats.write(dir.resolve("rsa"), "moonKey.pem",
                KeyFormats.pem("RSA PRIVATE KEY", KeyFormats.pkcs1Der(moonKeys.getPrivate())));
        KeyFormats.write(dir.resolve("ecdsa"), "sunKey.der", KeyFormats.sec1Der(sunKeys.getPrivate()));
        KeyFormats.write(dir.resolve("pkcs8"), "carolKey.pem",
                KeyFormats.pem("PRIVATE KEY", KeyFormats.pkcs8Der(carolKeys.getPrivate())));
    }

    @Test
    void loadsSwanctlLayoutAndLooksUpByIdentityAndKey() throws Exception {
        layout();
        CredentialStore store = CredentialStore.load(dir);
        assertEquals(3, store.certificates().size());
        assertEquals(List.of(ca), store.authorities());
        assertEquals(3, store.privateKeys().size());

        assertEquals(List.of(moon), store.certificatesFor(Identity.parse("moon.strongswan.org")));
        assertEquals(List.of(moon), store.certificatesFor(Identity.parse("192.168.0.1")));
        assertEquals(List.of(moon), store.certificatesFor(
                Identity.parse("C=CH, O=strongSwan, CN=moon.strongswan.org")));
        assertEquals(List.of(carol), store.certificatesFor(Identity.parse("carol@strongswan.org")));
        assertEquals(List.of(moon, sun), store.certificatesFor(Identity.parse("*.strongswan.org")));
        assertEquals(3, store.certificatesFor(Identity.ANY).size());
        assertTrue(store.certificatesFor(Identity.parse("venus.strongswan.org")).isEmpty());
        // strongSwan does not match an FQDN against the subject CN, only against dNSName SANs
        assertTrue(store.certificatesFor(Identity.parse("carol")).isEmpty());

        for (Object[] pair : new Object[][]{{moon, moonKeys}, {sun, sunKeys}, {carol, carolKeys}}) {
            X509Certificate c = (X509Certificate) pair[0];
            assertTrue(KeyPairMatcher.matches(store.privateKeyFor(c).orElseThrow(), ((KeyPair) pair[1]).getPublic()));
        }
        assertFalse(store.privateKeyFor(ca).isPresent());
        assertEquals(sun, store.ownCertificateFor(Identity.parse("sun.strongswan.org")).orElseThrow());
        assertEquals(ca, store.authorityByKeyId(CertRequestContent.keyId(ca)).orElseThrow());
        assertFalse(store.authorityByKeyId(new byte[20]).isPresent());
        store.validator().validate(moon, List.of(), Instant.now());
    }

    @Test
    void missingFoldersAreFine() throws Exception {
        CredentialStore store = CredentialStore.load(dir);
        assertTrue(store.certificates().isEmpty() && store.authorities().isEmpty() && store.privateKeys().isEmpty());
        assertThrows(CredentialException.class, () -> CredentialStore.load(dir.resolve("nope")));
    }

    @Test
    void reportsEveryBadFile() throws Exception {
        layout();
        KeyFormats.write(dir.resolve("rsa"), "notRsa.der", KeyFormats.sec1Der(sunKeys.getPrivate()));
        KeyFormats.write(dir.resolve("x509ca"), "notCa.pem", KeyFormats.certPem(moon));
        KeyFormats.write(dir.resolve("private"), "garbage.key", new byte[]{0x30, 0x03, 0x02, 0x01});
        Files.createDirectories(dir.resolve("x509").resolve("subdir-is-ignored"));
        CredentialException e = assertThrows(CredentialException.class, () -> CredentialStore.load(dir));
        String m = e.getMessage();
        assertTrue(m.contains("notRsa.der: rsa/ holds RSA keys"), m);
        assertTrue(m.contains("notCa.pem: not a CA certificate"), m);
        assertTrue(m.contains("garbage.key"), m);
    }
}
