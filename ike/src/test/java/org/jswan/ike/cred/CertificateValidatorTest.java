package org.jswan.ike.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.jswan.ike.auth.Identity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateValidatorTest {

    private static final Instant NOW = Instant.now();
    private static KeyPair rootKeys;
    private static KeyPair subKeys;
    private static KeyPair eeKeys;
    private static X509Certificate root;
    private static X509Certificate sub;
    private static X509Certificate ee;

    @BeforeAll
    static void pki() throws Exception {
        rootKeys = TestPki.ec("secp256r1");
        subKeys = TestPki.ec("secp256r1");
        eeKeys = TestPki.ec("secp256r1");
        root = TestPki.ca("C=CH, O=strongSwan, CN=Root CA", rootKeys);
        sub = TestPki.issue("C=CH, O=strongSwan, CN=Sub CA", subKeys, "C=CH, O=strongSwan, CN=Root CA",
                rootKeys.getPrivate(), true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
        ee = TestPki.endEntity("C=CH, O=strongSwan, CN=moon.strongswan.org", eeKeys, sub, subKeys.getPrivate(),
                new GeneralName(GeneralName.dNSName, "moon.strongswan.org"));
    }

    @Test
    void validatesThroughIntermediate() throws Exception {
        ValidatedChain chain = new CertificateValidator(List.of(root)).validate(ee, List.of(sub), NOW);
        assertEquals(List.of(ee, sub), chain.path());
        assertEquals(root, chain.anchor());
        assertEquals(ee, chain.endEntity());
        // the intermediate may also be a trusted CA itself
        assertEquals(sub, new CertificateValidator(List.of(sub)).validate(ee, List.of(), NOW).anchor());
    }

    @Test
    void refusesUntrustedCa() throws Exception {
        X509Certificate otherRoot = TestPki.ca("C=CH, O=strongSwan, CN=Root CA", TestPki.ec("secp256r1"));
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> new CertificateValidator(List.of(otherRoot)).validate(ee, List.of(sub), NOW));
        assertTrue(e.reason() == CertificateValidationException.Reason.UNTRUSTED
                || e.reason() == CertificateValidationException.Reason.INVALID, e.getMessage());
        assertEquals(CertificateValidationException.Reason.UNTRUSTED, assertThrows(
                CertificateValidationException.class,
                () -> new CertificateValidator(List.of(root)).validate(ee, List.of(), NOW)).reason());
        assertEquals(CertificateValidationException.Reason.UNTRUSTED, assertThrows(
                CertificateValidationException.class,
                () -> new CertificateValidator(List.of()).validate(ee, List.of(sub), NOW)).reason());
    }

    @Test
    void refusesExpiredAndNotYetValid() throws Exception {
        CertificateValidator v = new CertificateValidator(List.of(root));
        assertEquals(CertificateValidationException.Reason.EXPIRED, assertThrows(CertificateValidationException.class,
                () -> v.validate(ee, List.of(sub), NOW.plus(Duration.ofDays(60)))).reason());
        assertEquals(CertificateValidationException.Reason.NOT_YET_VALID, assertThrows(
                CertificateValidationException.class,
                () -> v.validate(ee, List.of(sub), NOW.minus(Duration.ofDays(3)))).reason());
        X509Certificate expiredSub = TestPki.issue("C=CH, O=strongSwan, CN=Sub CA", subKeys,
                "C=CH, O=strongSwan, CN=Root CA", rootKeys.getPrivate(), true, NOW.minus(Duration.ofDays(10)),
                NOW.minus(Duration.ofDays(2)));
        CertificateValidationException e = assertThrows(CertificateValidationException.class,
                () -> v.validate(ee, List.of(expiredSub), NOW));
        assertEquals(CertificateValidationException.Reason.EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("Sub CA"), e.getMessage());
    }

    @Test
    void refusesIntermediateWithoutCaFlag() throws Exception {
        X509Certificate notCa = TestPki.issue("C=CH, O=strongSwan, CN=Sub CA", subKeys,
                "C=CH, O=strongSwan, CN=Root CA", rootKeys.getPrivate(), false, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(100)));
        assertThrows(CertificateValidationException.class,
                () -> new CertificateValidator(List.of(root)).validate(ee, List.of(notCa), NOW));
    }

    @Test
    void refusesForgedSignature() throws Exception {
        // same subject/issuer names as the real end entity, but signed by a key the sub CA does not have
        X509Certificate forged = TestPki.issue("C=CH, O=strongSwan, CN=moon.strongswan.org", eeKeys,
                "C=CH, O=strongSwan, CN=Sub CA", TestPki.ec("secp256r1").getPrivate(), false,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)));
        assertThrows(CertificateValidationException.class,
                () -> new CertificateValidator(List.of(root)).validate(forged, List.of(sub), NOW));
    }

    @Test
    void identityMustMatchSubjectOrSubjectAltName() throws Exception {
        assertTrue(CertificateIdentities.matches(ee, Identity.parse("moon.strongswan.org")));
        assertTrue(CertificateIdentities.matches(ee, Identity.parse("C=CH, O=strongSwan, CN=moon.strongswan.org")));
        assertTrue(CertificateIdentities.matches(ee, Identity.parse("C=CH, O=strongSwan, CN=*")));
        assertFalse(CertificateIdentities.matches(ee, Identity.parse("sun.strongswan.org")));
        assertFalse(CertificateIdentities.matches(ee, Identity.parse("C=CH, O=strongSwan, CN=sun.strongswan.org")));
        assertFalse(CertificateIdentities.matches(ee, Identity.parse("moon@strongswan.org")));
        assertFalse(CertificateIdentities.matches(ee, Identity.parse("192.168.0.1")));
    }
}
