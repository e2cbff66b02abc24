package org.jswan.ike.daemon;

import static org.jswan.ike.daemon.InMemoryIkeNetwork.A;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.B;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.await;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.established;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.pubkeyLocal;
import static org.jswan.ike.daemon.InMemoryIkeNetwork.pubkeyRemote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.cred.TestPki;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Conn;
import org.jswan.ike.peer.SharedSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate authentication between two daemons (RFC 7296 §2.15, RFC 7427): RSA, ECDSA and Ed25519 keys in both
 * roles, DN and FQDN identities, and the failures: untrusted CA, wrong identity, expired certificate.
 */
class IkeDaemonCertAuthTest {
    private static final String CA_DN = "CN=jswan test CA, O=jswan";
    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    @AfterEach
    void stop() {
        net.close();
    }

    /** A CA and one host certificate per side. */
    private record Pki(X509Certificate ca, KeyPair caKeys, X509Certificate certA, KeyPair keysA,
                       X509Certificate certB, KeyPair keysB) {
    }

    private static KeyPair keys(final String kind) throws Exception {
        switch (kind) {
            case "rsa": return TestPki.rsa(2048);
            case "rsa4096": return TestPki.rsa(4096);
            case "ecdsa": return TestPki.ec("secp256r1");
            default: return TestPki.ed("Ed25519");
        }
    }

    private static Pki pki(final String kindA, final String kindB, final Instant notAfterB) throws Exception {
        KeyPair caKeys = TestPki.ec("secp256r1");
        X509Certificate ca = TestPki.ca(CA_DN, caKeys);
        KeyPair ka = keys(kindA);
        KeyPair kb = keys(kindB);
        // The issuer is named as written (X500Principal.getName() would reverse the RDN order).
        X509Certificate certA = TestPki.issue("CN=moon.example.org, O=jswan", ka, CA_DN, caKeys.getPrivate(), false,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
                new GeneralName(GeneralName.dNSName, "moon.example.org"),
                new GeneralName(GeneralName.iPAddress, A.getHostAddress()));
        X509Certificate certB = TestPki.issue("CN=sun.example.org, O=jswan", kb,
                CA_DN, caKeys.getPrivate(), false,
                Instant.now().minus(Duration.ofDays(2)), notAfterB,
                new GeneralName(GeneralName.dNSName, "sun.example.org"),
                new GeneralName(GeneralName.iPAddress, B.getHostAddress()));
        return new Pki(ca, caKeys, certA, ka, certB, kb);
    }

    private static Pki pki(final String kindA, final String kindB) throws Exception {
        return pki(kindA, kindB, Instant.now().plus(Duration.ofDays(30)));
    }

    /** A identifies by DN, B by FQDN; each trusts {@code trustA}/{@code trustB} as CA. */
    private void start(final Pki p, final X509Certificate trustA, final X509Certificate trustB,
                       final Identity expectAtA) {
        a = net.daemon(A, backendA);
        b = net.daemon(B, backendB);
        Identity idA = Identity.dn(p.certA().getSubjectX500Principal());
        Identity idB = Identity.fqdn("sun.example.org");
        Conn ca = Conn.psk("sun", A, B, "10.1.0.0/16", "10.2.0.0/16")
                .withAuth(pubkeyLocal(idA, p.certA(), p.keysA().getPrivate()), pubkeyRemote(expectAtA, List.of()));
        Conn cb = Conn.psk("moon", B, A, "10.2.0.0/16", "10.1.0.0/16")
                .withAuth(pubkeyLocal(idB, p.certB(), p.keysB().getPrivate()), pubkeyRemote(Identity.ANY, List.of()));
        a.load(List.of(ca.build()), SharedSecrets.none(), new CredentialStore(List.of(p.certA()), List.of(trustA),
                List.of(p.keysA().getPrivate())));
        b.load(List.of(cb.build()), SharedSecrets.none(), new CredentialStore(List.of(p.certB()), List.of(trustB),
                List.of(p.keysB().getPrivate())));
    }

    private void establishes(final String kindA, final String kindB) throws Exception {
        Pki p = pki(kindA, kindB);
        start(p, p.ca(), p.ca(), Identity.fqdn("sun.example.org"));
        a.initiate("sun", "net");
        await("both ESTABLISHED", () -> established(a, 1) && established(b, 1));
        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        // Both sides sent SIGNATURE_HASH_ALGORITHMS, so both sign with RFC 7427 digital signatures.
        assertEquals("RFC 7427 signature", va.localAuth());
        assertEquals("RFC 7427 signature", va.remoteAuth());
        assertEquals("RFC 7427 signature", vb.localAuth());
        assertEquals("RFC 7427 signature", vb.remoteAuth());
        assertEquals(Identity.fqdn("sun.example.org").toString(), va.remoteId());
        assertEquals(Identity.dn(p.certA().getSubjectX500Principal()).toString(), vb.remoteId());
        assertEquals(va.localId(), vb.remoteId());
        assertEquals(vb.localId(), va.remoteId());
    }

    /**
     * RFC 7383: with 4096-bit RSA, both IKE_AUTH messages outgrow a 1280-byte IP datagram; both ends announced
     * fragmentation in IKE_SA_INIT, so they travel as encrypted fragments (SKF, payload type 53) and are
     * reassembled.
     */
    @Test
    void largeIkeAuthMessagesAreFragmented() throws Exception {
        establishes("rsa4096", "rsa4096");
        for (var link : List.of(net.between(A, B), net.between(B, A))) {
            long fragments = link.stream().filter(d -> (d.data()[16] & 0xff) == 53).count();
            assertTrue(fragments >= 2, "IKE_AUTH sent as fragments: " + fragments);
            for (var d : link) {
                assertTrue(d.data().length <= 1280 - 20 - 8, "datagram of " + d.data().length + " bytes");
            }
        }
    }

    @Test
    void rsaBothRoles() throws Exception {
        establishes("rsa", "rsa");
    }

    @Test
    void ecdsaInitiatorRsaResponder() throws Exception {
        establishes("ecdsa", "rsa");
    }

    @Test
    void rsaInitiatorEcdsaResponder() throws Exception {
        establishes("rsa", "ecdsa");
    }

    @Test
    void ed25519BothRoles() throws Exception {
        establishes("ed25519", "ed25519");
    }

    @Test
    void ed25519InitiatorEcdsaResponder() throws Exception {
        establishes("ed25519", "ecdsa");
    }

    @Test
    void ecdsaInitiatorEd25519Responder() throws Exception {
        establishes("ecdsa", "ed25519");
    }

    private void failsOnBothSides() throws Exception {
        a.initiate("sun", "net");
        await("no SA left on either side", () -> a.listSas().isEmpty() && b.listSas().isEmpty());
        // Nothing comes back later (no half-open SA resurrected, nothing installed).
        Thread.sleep(200);
        assertTrue(a.listSas().isEmpty());
        assertTrue(b.listSas().isEmpty());
        assertEquals(0, backendA.saCount());
        assertEquals(0, backendB.saCount());
        assertEquals(null, a.counters().outcomes().get("established"));
    }

    @Test
    void untrustedCaOfTheResponderFailsAndLeavesNoSa() throws Exception {
        Pki p = pki("ecdsa", "ecdsa");
        KeyPair otherKeys = TestPki.ec("secp256r1");
        X509Certificate other = TestPki.ca("CN=other CA", otherKeys);
        start(p, other, p.ca(), Identity.fqdn("sun.example.org"));
        failsOnBothSides();
    }

    @Test
    void untrustedCaOfTheInitiatorFailsAndLeavesNoSa() throws Exception {
        Pki p = pki("rsa", "ecdsa");
        KeyPair otherKeys = TestPki.ec("secp256r1");
        X509Certificate other = TestPki.ca("CN=other CA", otherKeys);
        start(p, p.ca(), other, Identity.fqdn("sun.example.org"));
        failsOnBothSides();
    }

    @Test
    void identityMismatchFails() throws Exception {
        Pki p = pki("ecdsa", "ecdsa");
        start(p, p.ca(), p.ca(), Identity.fqdn("venus.example.org"));
        failsOnBothSides();
    }

    @Test
    void expiredCertificateFails() throws Exception {
        Pki p = pki("ecdsa", "ecdsa", Instant.now().minus(Duration.ofDays(1)));
        start(p, p.ca(), p.ca(), Identity.fqdn("sun.example.org"));
        failsOnBothSides();
    }
}
