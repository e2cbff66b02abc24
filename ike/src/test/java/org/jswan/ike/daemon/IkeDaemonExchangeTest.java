package org.jswan.ike.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.peer.AuthSpec;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.SharedSecrets;
import org.jswan.ike.peer.TsConfig;
import org.jswan.ike.proposal.ProposalParser;
import org.jswan.ike.proposal.ProtocolKind;
import org.jswan.ike.spi.AddSaRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two IKE daemons in one JVM, wired by an in-memory network: establish, rekey CHILD and IKE SAs, delete, and the
 * failure paths (strongSwan's exchange tests, with real crypto on both sides).
 */
class IkeDaemonExchangeTest {
    private static final InetAddress A = InMemoryIkeNetwork.A;
    private static final InetAddress B = InMemoryIkeNetwork.B;
    /** How long these daemons keep the inbound SA of a rekeyed CHILD_SA (strongSwan: 5 s). */
    private static final long LINGER_MILLIS = 1500;

    private final InMemoryIkeNetwork net = new InMemoryIkeNetwork();
    private final RecordingBackend backendA = new RecordingBackend();
    private final RecordingBackend backendB = new RecordingBackend();
    private IkeDaemon a;
    private IkeDaemon b;

    /** Where each daemon saves its IKE keys (`--save-keys`), so a test can open what was sent. */
    @TempDir
    Path keys;

    @AfterEach
    void stop() {
        net.close();
    }

    private IkeDaemon daemon(final InetAddress me, final RecordingBackend backend) {
        return net.daemon(me, backend, DaemonSettings.defaults().withDeleteRekeyedDelay(LINGER_MILLIS)
                .withKeyFiles(new WiresharkKeyFiles(keys.resolve(me.getHostAddress()))));
    }

    private static PeerConfig psk(final String name, final InetAddress local, final InetAddress remote,
                                  final String localNet, final String remoteNet, final String ike, final String esp,
                                  final Duration childRekey) {
        ChildPeerConfig child = new ChildPeerConfig("net", List.of(TsConfig.parse(localNet)),
                List.of(TsConfig.parse(remoteNet)), ProposalParser.parseList(ProtocolKind.ESP, esp), false,
                ChildPeerConfig.StartAction.NONE, ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE,
                childRekey, childRekey.multipliedBy(2), Duration.ZERO, 0, 0, 0, 0, 32);
        return new PeerConfig(name, List.of(local.getHostAddress()), List.of(remote.getHostAddress()), 500, 500,
                ProposalParser.parseList(ProtocolKind.IKE, ike),
                new AuthSpec("psk", Identity.address(local), List.of(), null, List.of()),
                new AuthSpec("psk", Identity.ANY, List.of(), null, List.of()), Duration.ofHours(4), Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, false, true, false, 1, List.of(child));
    }

    private static SharedSecrets secret(final String s) {
        return new SharedSecrets(List.of(new SharedSecrets.Entry(List.of(), s.getBytes(StandardCharsets.UTF_8))));
    }

    private void start(final String ike, final String esp, final String pskA, final String pskB) {
        a = daemon(A, backendA);
        b = daemon(B, backendB);
        CredentialStore none = new CredentialStore(List.of(), List.of(), List.of());
        a.load(List.of(psk("site-b", A, B, "10.1.0.0/16", "10.2.0.0/16", ike, esp, Duration.ofHours(1))),
                secret(pskA), none);
        b.load(List.of(psk("site-a", B, A, "10.2.0.0/16", "10.1.0.0/16", ike, esp, Duration.ofHours(1))),
                secret(pskB), none);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        InMemoryIkeNetwork.await(what, condition);
    }

    private static boolean established(final IkeDaemon d, final int children) {
        return InMemoryIkeNetwork.established(d, children);
    }

    @Test
    void establishesWithPskAndInstallsMatchingKeys() throws Exception {
        start("aes128gcm16-prfsha256-x25519", "aes128gcm16", "s3cret", "s3cret");
        a.initiate("site-b", "net");
        await("both sides ESTABLISHED with one CHILD_SA", () -> established(a, 1) && established(b, 1));

        IkeSaView va = a.listSas().get(0);
        IkeSaView vb = b.listSas().get(0);
        assertEquals(va.spiI(), vb.spiI());
        assertEquals(va.spiR(), vb.spiR());
        assertEquals("AES_GCM_16_128", va.encryption());
        assertEquals("CURVE_25519", va.keyExchange());
        IkeSaView.ChildView ca = va.children().get(0);
        IkeSaView.ChildView cb = vb.children().get(0);
        assertEquals(ca.spiIn(), cb.spiOut());
        assertEquals(ca.spiOut(), cb.spiIn());
        assertEquals(List.of("10.1.0.0/16"), ca.localTs());
        // What A sends with must be what B receives with, and the reverse.
        AddSaRequest aOut = backendA.sa(ca.spiOut());
        AddSaRequest bIn = backendB.sa(cb.spiIn());
        assertNotNull(aOut);
        assertNotNull(bIn);
        assertArrayEquals(aOut.encryptionKey(), bIn.encryptionKey());
        assertArrayEquals(backendA.sa(ca.spiIn()).encryptionKey(), backendB.sa(cb.spiOut()).encryptionKey());
        assertEquals(20, aOut.encryptionKey().length, "AES-128 key + 4-byte salt");
        assertNotNull(aOut.encapsulation(), "userspace data plane forces UDP encapsulation");
        assertEquals(4500, aOut.encapsulation().destinationPort());

        // Per-SA counters and last use, as the data plane reports them (strongSwan's bytes-in, use-in).
        backendA.usage.put(ca.spiIn(), new org.jswan.ike.spi.SaUsage(1500, 3, System.currentTimeMillis() - 3_000));
        IkeSaView.ChildView used = a.listSas().get(0).children().get(0);
        assertEquals(1500, used.bytesIn());
        assertEquals(3, used.packetsIn());
        assertTrue(used.useInSeconds() >= 3 && used.useInSeconds() <= 5, "use-in " + used.useInSeconds());
        assertEquals(-1, used.useOutSeconds(), "never used outbound");
    }

    @Test
    void cbcHmacAndModpProposalsWork() throws Exception {
        start("aes256-sha384-ecp384", "aes256-sha512", "k", "k");
        a.initiate("site-b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        IkeSaView.ChildView ca = a.listSas().get(0).children().get(0);
        AddSaRequest out = backendA.sa(ca.spiOut());
        assertEquals(14, out.integrityAlgorithm());
        assertArrayEquals(out.integrityKey(), backendB.sa(ca.spiOut()).integrityKey());
    }

    @Test
    void wrongPskFailsWithAuthenticationFailedOnBothSides() throws Exception {
        start("aes128gcm16-prfsha256-x25519", "aes128gcm16", "right", "wrong");
        a.initiate("site-b", "net");
        await("both sides without SAs", () -> a.listSas().isEmpty() && b.listSas().isEmpty()
                && backendA.saCount() == 0);
        await("counted as authentication failures", () -> Long.valueOf(1).equals(a.counters().outcomes()
                .get("auth_failed")) && Long.valueOf(1).equals(b.counters().outcomes().get("auth_failed")));
        assertEquals(null, a.counters().outcomes().get("established"));
        assertEquals(0, backendB.saCount());
        // RFC 7296 §2.21.2: B answered the IKE_AUTH request with AUTHENTICATION_FAILED (and A took it).
        List<IkeMessage> answers = WireDecryptor.read(keys.resolve(B.getHostAddress()))
                .responses(net.between(B, A), ExchangeType.IKE_AUTH);
        assertEquals(1, answers.size());
        assertNotNull(answers.get(0).notify(NotifyType.AUTHENTICATION_FAILED), answers.get(0).summary());
        assertEquals(1, answers.get(0).payloads().size(), "nothing but the notify: " + answers.get(0).summary());
        Thread.sleep(100);
        assertTrue(a.listSas().isEmpty() && b.listSas().isEmpty(), "no half-open SA left");
    }

    @Test
    void noCommonProposalFails() throws Exception {
        a = daemon(A, backendA);
        b = daemon(B, backendB);
        CredentialStore none = new CredentialStore(List.of(), List.of(), List.of());
        a.load(List.of(psk("site-b", A, B, "10.1.0.0/16", "10.2.0.0/16", "aes128-sha256-modp2048", "aes128gcm16",
                Duration.ofHours(1))), secret("k"), none);
        b.load(List.of(psk("site-a", B, A, "10.2.0.0/16", "10.1.0.0/16", "aes256gcm16-prfsha384-ecp384",
                "aes128gcm16", Duration.ofHours(1))), secret("k"), none);
        a.initiate("site-b", "net");
        await("initiator gave up", () -> a.listSas().isEmpty());
        assertTrue(b.listSas().isEmpty(), "B keeps no half-open SA");
        // RFC 7296 §2.7: the IKE_SA_INIT response is a lone NO_PROPOSAL_CHOSEN notify.
        List<InMemoryIkeNetwork.Datagram> answers = net.between(B, A);
        assertEquals(1, answers.size(), "one answer, no retry");
        IkeMessage answer = WireDecryptor.read(keys.resolve(B.getHostAddress())).open(answers.get(0).data());
        assertEquals(ExchangeType.IKE_SA_INIT, answer.exchangeType());
        assertNotNull(answer.notify(NotifyType.NO_PROPOSAL_CHOSEN), answer.summary());
        assertEquals(1L, a.counters().outcomes().get("no_proposal"), a.counters().outcomes().toString());
        assertEquals(0, backendA.saCount() + backendB.saCount());
    }

    @Test
    void invalidKePayloadIsRetriedWithTheRequestedGroup() throws Exception {
        a = daemon(A, backendA);
        b = daemon(B, backendB);
        CredentialStore none = new CredentialStore(List.of(), List.of(), List.of());
        a.load(List.of(psk("site-b", A, B, "10.1.0.0/16", "10.2.0.0/16", "aes128gcm16-prfsha256-x25519-ecp256",
                "aes128gcm16", Duration.ofHours(1))), secret("k"), none);
        b.load(List.of(psk("site-a", B, A, "10.2.0.0/16", "10.1.0.0/16", "aes128gcm16-prfsha256-ecp256",
                "aes128gcm16", Duration.ofHours(1))), secret("k"), none);
        a.initiate("site-b", "net");
        await("established after INVALID_KE_PAYLOAD", () -> established(a, 1) && established(b, 1));
        assertEquals("ECP_256", a.listSas().get(0).keyExchange());
    }

    @Test
    void rekeysChildAndIkeSaAndDeletes() throws Exception {
        start("aes128gcm16-prfsha256-x25519", "aes128gcm16-x25519", "k", "k");
        a.initiate("site-b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        int oldSpi = a.listSas().get(0).children().get(0).spiIn();
        for (int i = 0; i < 3; i++) {
            assertEquals(1, a.rekey(null, false));
            int before = oldSpi;
            await("child rekeyed " + (i + 1), () -> established(a, 1) && established(b, 1)
                    && a.listSas().get(0).children().get(0).spiIn() != before);
            oldSpi = a.listSas().get(0).children().get(0).spiIn();
            await("old SAs removed after the rekey", () -> backendA.saCount() == 2);
        }
        long spiI = a.listSas().get(0).spiI();
        for (int i = 0; i < 3; i++) {
            IkeDaemon initiator = i % 2 == 0 ? a : b;
            assertEquals(1, initiator.rekey(null, true));
            long before = spiI;
            await("IKE_SA rekeyed " + (i + 1), () -> established(a, 1) && established(b, 1)
                    && a.listSas().get(0).spiI() != before);
            spiI = a.listSas().get(0).spiI();
        }
        assertEquals(b.listSas().get(0).spiI(), spiI);
        // CHILD rekey again on the rekeyed IKE_SA, from B this time.
        assertEquals(1, b.rekey(null, false));
        int last = oldSpi;
        await("child rekeyed on new IKE_SA", () -> established(a, 1) && established(b, 1)
                && a.listSas().get(0).children().get(0).spiIn() != last);

        assertEquals(1, b.terminate(null));
        await("both sides empty", () -> a.listSas().isEmpty() && b.listSas().isEmpty());
        // The last rekeyed CHILD_SA's inbound SA goes when its grace period ends.
        await("data planes empty", () -> backendA.saCount() == 0 && backendB.saCount() == 0);
    }

    /**
     * Packets the peer sealed with the old SA before it switched may still arrive after the DELETE: the rekeyed
     * CHILD_SA's outbound SA goes at once, its inbound SA only after the grace period (charon.delete_rekeyed_delay).
     */
    @Test
    void aRekeyedChildSaKeepsItsInboundSaForLatePackets() throws Exception {
        start("aes128gcm16-prfsha256-x25519", "aes128gcm16", "k", "k");
        a.initiate("site-b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        int oldIn = a.listSas().get(0).children().get(0).spiIn();
        int oldOut = a.listSas().get(0).children().get(0).spiOut();
        assertEquals(1, a.rekey(null, false));
        await("old outbound SA deleted", () -> outbound(backendA).size() == 1
                && outbound(backendA).get(0).id().spi() != oldOut);
        assertTrue(inbound(backendA).stream().anyMatch(r -> r.id().spi() == oldIn),
                "the old inbound SA is still there for late packets");
        assertEquals(2, inbound(backendA).size());
        await("old inbound SA deleted after the grace period", () -> inbound(backendA).size() == 1
                && inbound(backendA).get(0).id().spi() != oldIn);
    }

    /**
     * RFC 7296 §2.8: the rekey responder installs the new inbound SA before it answers, but keeps sending on the old
     * SA until the initiator, which installs its new inbound SA only when the answer arrives, deletes the old one.
     */
    @Test
    void rekeyResponderSwitchesOutboundOnlyWhenTheOldSaIsDeleted() throws Exception {
        start("aes128gcm16-prfsha256-x25519", "aes128gcm16", "k", "k");
        a.initiate("site-b", "net");
        await("established", () -> established(a, 1) && established(b, 1));
        int oldOutB = b.listSas().get(0).children().get(0).spiOut();
        net.hold();
        assertEquals(1, a.rekey(null, false));
        await("rekey request sent", () -> net.heldCount() == 1);
        net.deliverHeld(d -> d.from().getAddress().equals(A));
        await("rekey response sent", () -> net.heldCount() == 1);

        List<AddSaRequest> outB = outbound(backendB);
        assertEquals(1, outB.size(), "responder has not switched outbound before its answer arrived");
        assertEquals(oldOutB, outB.get(0).id().spi());
        assertEquals(2, inbound(backendB).size(), "new inbound SA installed next to the old one");

        net.deliverHeld(d -> d.from().getAddress().equals(B));
        await("DELETE of the old SA sent", () -> net.heldCount() == 1);
        assertEquals(1, outbound(backendB).size(), "still on the old outbound SA until the DELETE");
        assertEquals(oldOutB, outbound(backendB).get(0).id().spi());
        assertEquals(2, outbound(backendA).size(), "initiator sends on the new SA once the answer arrived");

        net.release();
        await("old SAs gone", () -> backendA.saCount() == 2 && backendB.saCount() == 2);
        int newOutB = b.listSas().get(0).children().get(0).spiOut();
        assertTrue(newOutB != oldOutB);
        assertEquals(newOutB, outbound(backendB).get(0).id().spi(), "switched to the new outbound SA");
        assertEquals(newOutB, a.listSas().get(0).children().get(0).spiIn());
    }

    private static List<AddSaRequest> outbound(final RecordingBackend backend) {
        synchronized (backend) {
            return backend.sas.values().stream().filter(r -> !r.inbound()).toList();
        }
    }

    private static List<AddSaRequest> inbound(final RecordingBackend backend) {
        synchronized (backend) {
            return backend.sas.values().stream().filter(AddSaRequest::inbound).toList();
        }
    }
}
