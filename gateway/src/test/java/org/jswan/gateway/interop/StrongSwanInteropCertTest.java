package org.jswan.gateway.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.lab.Charon;
import org.jswan.lab.ChildSa;
import org.jswan.lab.HostCredential;
import org.jswan.lab.IkeSa;
import org.jswan.lab.KeyType;
import org.jswan.lab.Lab;
import org.jswan.lab.SiteToSite;
import org.jswan.lab.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jswan against strongSwan 5.9 with certificate authentication (RFC 7296 §2.15, RFC 7427 signatures): ECDSA P-256,
 * RSA-2048 and Ed25519 host certificates from one throw-away CA, identities as DN or as FQDN (subjectAltName
 * dNSName), each key type in both roles. strongSwan must report the IKE_SA ESTABLISHED with jswan's identity and the
 * expected algorithms, the CHILD_SA INSTALLED with the expected selectors; its log must name the signature scheme
 * each side used (jswan signs RSA with RSASSA-PSS; strongSwan signs RSA with PKCS#1 v1.5 unless
 * {@code charon.rsa_pss = yes}); traffic must cross the tunnel, and the CHILD_SA SPIs and keys strongSwan logged
 * must equal jswan's.
 */
class StrongSwanInteropCertTest {
    private static final String IKE = "aes128gcm16-prfsha256-x25519";
    private static final String ESP = "aes128gcm16";
    private static final String DN_A = "CN=gwa.jswan.test, O=jswan lab";
    private static final String DN_B = "CN=gwb.jswan.test, O=jswan lab";
    private static final String FQDN_A = "gwa.jswan.test";
    private static final String FQDN_B = "gwb.jswan.test";

    @RegisterExtension
    final Lab lab = Lab.create();

    @Test
    @Timeout(60)
    void jswanInitiatesWithEcdsaP256AndDnIdentities() {
        establish(KeyType.ECDSA_P256, true, false, false);
    }

    @Test
    @Timeout(60)
    void jswanInitiatesWithRsa2048AndFqdnIdentities() {
        establish(KeyType.RSA_2048, false, false, false);
    }

    @Test
    @Timeout(60)
    void jswanInitiatesWithEd25519AndFqdnIdentities() {
        establish(KeyType.ED25519, false, false, false);
    }

    @Test
    @Timeout(60)
    void strongSwanInitiatesWithEcdsaP256AndFqdnIdentities() {
        establish(KeyType.ECDSA_P256, false, true, false);
    }

    /** strongSwan signs with RSASSA-PKCS1-v1_5 in an RFC 7427 AUTH payload (its default). */
    @Test
    @Timeout(60)
    void strongSwanInitiatesWithRsa2048AndDnIdentities() {
        establish(KeyType.RSA_2048, true, true, false);
    }

    /** strongSwan signs with RSASSA-PSS ({@code charon.rsa_pss = yes}): jswan verifies an RSA-PSS signature. */
    @Test
    @Timeout(60)
    void strongSwanInitiatesWithRsa2048PssAndFqdnIdentities() {
        establish(KeyType.RSA_2048, false, true, true);
    }

    @Test
    @Timeout(60)
    void strongSwanInitiatesWithEd25519AndDnIdentities() {
        establish(KeyType.ED25519, true, true, false);
    }

    /** The scheme strongSwan names in "authentication of ... with SCHEME successful" for this side's signature. */
    private static String scheme(final KeyType keyType, final boolean pss) {
        switch (keyType) {
            case RSA_2048:
            case RSA_3072:
                return pss ? "RSA_EMSA_PSS_SHA2_256_SALT_32" : "RSA_EMSA_PKCS1_SHA2_256";
            case ECDSA_P256:
                return "ECDSA_WITH_SHA256_DER";
            default:
                return "ED25519";
        }
    }

    private void establish(final KeyType keyType, final boolean dnIds, final boolean strongswanInitiates,
                           final boolean strongSwanPss) {
        Lab.assumeCharon();
        SiteToSite net = SiteToSite.build(lab);
        TestPki pki = TestPki.create(lab.reportDir().resolve("pki"), KeyType.ECDSA_P256);
        HostCredential a = pki.issue("gwA", keyType, DN_A, List.of(FQDN_A), List.of(SiteToSite.GW_A_WAN));
        HostCredential b = pki.issue("gwB", keyType, DN_B, List.of(FQDN_B), List.of(SiteToSite.GW_B_WAN));
        String idA = dnIds ? DN_A : FQDN_A;
        String idB = dnIds ? DN_B : FQDN_B;
        String certA = a.certFile().getFileName().toString();
        String certB = b.certFile().getFileName().toString();

        Charon strongswan = lab.charon(net.gwB(), "gwB").logLevels("ike 4, chd 4, cfg 2")
                .extraCharonConf(strongSwanPss ? "rsa_pss = yes" : "")
                .addCredential("x509", b.certFile()).addCredential("private", b.pkcs8File())
                .addCredential("x509ca", pki.caCertFile())
                .swanctlConf(SiteToSiteConfigs.pubkey(SiteToSite.GW_B_WAN, SiteToSite.GW_A_WAN, SiteToSite.SUBNET_B,
                        SiteToSite.SUBNET_A, certB, idB, idA, IKE, ESP, "none"));
        JswanNode jswan = new JswanNode(lab, net.gwA(), "gwA")
                .addCredential("x509", a.certFile()).addCredential("private", a.pkcs8File())
                .addCredential("x509ca", pki.caCertFile())
                .swanctlConf(SiteToSiteConfigs.pubkey(SiteToSite.GW_A_WAN, SiteToSite.GW_B_WAN, SiteToSite.SUBNET_A,
                        SiteToSite.SUBNET_B, certA, idA, idB, IKE, ESP, strongswanInitiates ? "none" : "start"));
        StrongSwanInteropProposalsTest.start(strongswan, jswan, strongswanInitiates);

        IkeSa ike = StrongSwanInteropPskTest.awaitEstablished(strongswan);
        assertEquals(idA, ike.remoteId(), ike.toString());
        assertEquals(idB, ike.localId(), ike.toString());
        assertEquals("AES_GCM_16", ike.encrAlg(), ike.toString());
        assertEquals("128", ike.encrKeysize(), ike.toString());
        assertEquals("PRF_HMAC_SHA2_256", ike.prfAlg(), ike.toString());
        assertEquals("CURVE_25519", ike.dhGroup(), ike.toString());
        ChildSa child = ike.child("net");
        assertEquals("INSTALLED", child.state(), child.toString());
        assertEquals("AES_GCM_16", child.encrAlg(), child.toString());
        assertEquals(List.of(SiteToSite.SUBNET_B), child.localTs(), child.toString());
        assertEquals(List.of(SiteToSite.SUBNET_A), child.remoteTs(), child.toString());
        String log = strongswan.logTail(100_000);
        // jswan signs RSA with RSASSA-PSS (as strongSwan with rsa_pss = yes), the other keys per RFC 7427.
        String jswanScheme = scheme(keyType, true);
        String strongSwanScheme = scheme(keyType, strongSwanPss);
        assertTrue(log.contains("authentication of '" + idA + "' with " + jswanScheme + " successful"),
                "strongSwan verified jswan's " + jswanScheme + " signature:\n" + log);
        assertTrue(log.contains("authentication of '" + idB + "' (myself) with " + strongSwanScheme + " successful"),
                "strongSwan signed with " + strongSwanScheme + ":\n" + log);
        assertTrue(jswan.log().contains("authentication of '" + idB + "' with"), jswan.log());

        StrongSwanInteropProposalsTest.assertTrafficCrosses(net);
        StrongSwanInteropProposalsTest.assertKeysAgree(strongswan, jswan, child, false,
                strongswanInitiates ? SiteToSite.GW_B_WAN : SiteToSite.GW_A_WAN);
        lab.note(keyType + (strongSwanPss ? " (strongSwan RSA-PSS)" : "") + (dnIds ? " DN" : " FQDN") + " ids, "
                + (strongswanInitiates ? "strongSwan" : "jswan") + " initiated: " + ike);
    }
}
