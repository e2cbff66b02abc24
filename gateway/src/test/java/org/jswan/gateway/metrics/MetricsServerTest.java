package org.jswan.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.daemon.DaemonSettings;
import org.jswan.ike.daemon.IkeDaemon;
import org.jswan.ike.peer.AuthSpec;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.SharedSecrets;
import org.jswan.ike.peer.TsConfig;
import org.jswan.ike.proposal.DefaultProposals;
import org.jswan.ike.daemon.IkeSaView;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.BackendFeature;
import org.jswan.ike.spi.BackendListener;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.LoggingBackend;
import org.jswan.ike.spi.PolicyRequest;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.SaUsage;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private static PeerConfig conn(final String name, final ChildPeerConfig.StartAction start) {
        ChildPeerConfig child = new ChildPeerConfig("net", List.of(TsConfig.parse("10.1.0.0/16")),
                List.of(TsConfig.parse("10.2.0.0/16")), DefaultProposals.esp(), false, start,
                ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE, Duration.ofHours(1),
                Duration.ofHours(2), Duration.ZERO, 0, 0, 0, 0, 32);
        return new PeerConfig(name, List.of(), List.of("192.0.2.99"), 500, 500, DefaultProposals.ike(),
                new AuthSpec("psk", null, List.of(), null, List.of()), new AuthSpec("psk", Identity.ANY, List.of(),
                null, List.of()), Duration.ofHours(4), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                false, true, false, 1, List.of(child));
    }

    @Test
    void servesPrometheusTextWithDownGaugeAndDrops() throws Exception {
        CredentialStore none = new CredentialStore(List.of(), List.of(), List.of());
        try (IkeDaemon ike = new IkeDaemon(DaemonSettings.defaults(), new LoggingBackend(), (m, p, r) -> { }, none)) {
            ike.load(List.of(conn("wanted", ChildPeerConfig.StartAction.START),
                    conn("on-demand", ChildPeerConfig.StartAction.NONE)), SharedSecrets.none(), none);
            ike.receive(new byte[] {1, 2, 3}, new java.net.InetSocketAddress("127.0.0.1", 500),
                    new java.net.InetSocketAddress("127.0.0.2", 500));
            try (MetricsServer m = MetricsServer.start("127.0.0.1:0", ike, () -> Map.of("AUTH_FAILED", 3L))) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + m.port() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
                String body = r.body();
                assertTrue(body.contains("# TYPE jswan_ike_sas gauge"), body);
                assertTrue(body.contains("jswan_ike_sas{state=\"ESTABLISHED\"} 0"), body);
                assertTrue(body.contains("jswan_connection_down{connection=\"wanted\"} 1"), body);
                assertTrue(!body.contains("connection=\"on-demand\""), "only connections meant to be up: " + body);
                assertTrue(body.contains("jswan_esp_dropped_total{reason=\"AUTH_FAILED\"} 3"), body);
                assertTrue(body.contains("jswan_ike_dropped_total{reason=\"invalid header\"} 1"), body);
            }
        }
    }

    /** A data plane stand-in that reports fixed traffic per SA: 1000 bytes in 10 packets on every SPI. */
    private static final class CountingBackend implements IpsecBackend {
        private final LoggingBackend delegate = new LoggingBackend();

        @Override
        public java.util.Set<BackendFeature> features() {
            return delegate.features();
        }

        @Override
        public int allocateSpi(final InetAddress local, final InetAddress remote) {
            return delegate.allocateSpi(local, remote);
        }

        @Override
        public void addSa(final AddSaRequest request) {
        }

        @Override
        public void updateSa(final SaId id, final InetAddress src, final InetAddress dst,
                             final AddSaRequest.UdpEncapsulation encapsulation) {
        }

        @Override
        public SaUsage querySa(final SaId id) {
            return new SaUsage(1000, 10, 0);
        }

        @Override
        public void deleteSa(final SaId id) {
        }

        @Override
        public void addPolicy(final PolicyRequest policy) {
        }

        @Override
        public void deletePolicy(final PolicyRequest policy) {
        }

        @Override
        public void setListener(final BackendListener listener) {
        }
    }

    private static PeerConfig psk(final String name, final InetAddress local, final InetAddress remote,
                                  final String localNet, final String remoteNet,
                                  final ChildPeerConfig.StartAction start) {
        ChildPeerConfig child = new ChildPeerConfig("net", List.of(TsConfig.parse(localNet)),
                List.of(TsConfig.parse(remoteNet)), DefaultProposals.esp(), false, start,
                ChildPeerConfig.CloseAction.NONE, ChildPeerConfig.CloseAction.NONE, Duration.ofHours(1),
                Duration.ofHours(2), Duration.ZERO, 0, 0, 0, 0, 32);
        return new PeerConfig(name, List.of(local.getHostAddress()), List.of(remote.getHostAddress()), 500, 500,
                DefaultProposals.ike(), new AuthSpec("psk", Identity.address(local), List.of(), null, List.of()),
                new AuthSpec("psk", Identity.ANY, List.of(), null, List.of()), Duration.ofHours(4), Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, false, true, false, 1, List.of(child));
    }

    /**
     * Two daemons wired in memory establish a PSK tunnel; the endpoint then shows the SA counts, the per-CHILD_SA
     * traffic with SPI and direction, the IKE exchange outcome and the connection gauge flipped to up (issue 5).
     */
    @Test
    void establishedTunnelShowsSaCountsTrafficOutcomesAndUpGauge() throws Exception {
        InetAddress addrA = InetAddress.getByName("192.0.2.1");
        InetAddress addrB = InetAddress.getByName("192.0.2.2");
        Map<InetAddress, IkeDaemon> hosts = new ConcurrentHashMap<>();
        CredentialStore none = new CredentialStore(List.of(), List.of(), List.of());
        SharedSecrets psk = new SharedSecrets(List.of(new SharedSecrets.Entry(List.of(),
                "metrics-test".getBytes(StandardCharsets.UTF_8))));
        IkeDaemon a = null;
        IkeDaemon b = null;
        try {
            for (InetAddress me : List.of(addrA, addrB)) {
                IkeDaemon d = new IkeDaemon(DaemonSettings.defaults(), new CountingBackend(),
                        (message, port, remote) -> {
                            IkeDaemon peer = hosts.get(remote.getAddress());
                            if (peer != null) {
                                peer.receive(message.clone(), remote, new InetSocketAddress(me, port));
                            }
                        }, none);
                hosts.put(me, d);
            }
            a = hosts.get(addrA);
            b = hosts.get(addrB);
            a.load(List.of(psk("site-b", addrA, addrB, "10.1.0.0/16", "10.2.0.0/16",
                    ChildPeerConfig.StartAction.START)), psk, none);
            b.load(List.of(psk("site-a", addrB, addrA, "10.2.0.0/16", "10.1.0.0/16",
                    ChildPeerConfig.StartAction.NONE)), psk, none);
            a.initiate("site-b", "net");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            IkeDaemon initiator = a;
            while (!(initiator.listSas().size() == 1 && initiator.listSas().get(0).state().equals("ESTABLISHED")
                    && initiator.listSas().get(0).children().size() == 1)) {
                assertTrue(System.nanoTime() < deadline, "no ESTABLISHED SA: " + initiator.listSas());
                Thread.sleep(20);
            }
            IkeSaView.ChildView child = a.listSas().get(0).children().get(0);
            try (MetricsServer m = MetricsServer.start("127.0.0.1:0", a, Map::of)) {
                String body = m.render();
                assertTrue(body.contains("jswan_ike_sas{state=\"ESTABLISHED\"} 1\n"), body);
                assertTrue(body.contains("jswan_ike_sas{state=\"CONNECTING\"} 0\n"), body);
                assertTrue(body.contains("jswan_child_sas 1\n"), body);
                assertTrue(body.contains("# TYPE jswan_child_sa_bytes_total counter"), body);
                assertTrue(body.contains(String.format("jswan_child_sa_bytes_total{connection=\"site-b\",child=\"net\","
                        + "spi=\"%08x\",direction=\"in\"} 1000%n", child.spiIn())), body);
                assertTrue(body.contains(String.format("jswan_child_sa_bytes_total{connection=\"site-b\",child=\"net\","
                        + "spi=\"%08x\",direction=\"out\"} 1000%n", child.spiOut())), body);
                assertTrue(body.contains(String.format("jswan_child_sa_packets_total{connection=\"site-b\","
                        + "child=\"net\",spi=\"%08x\",direction=\"out\"} 10%n", child.spiOut())), body);
                assertTrue(body.contains("# TYPE jswan_ike_exchanges_total counter"), body);
                assertTrue(body.contains("jswan_ike_exchanges_total{outcome=\"established\"} 1\n"), body);
                assertTrue(body.contains("jswan_connection_down{connection=\"site-b\"} 0\n"), body);
            }
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        }
    }

    @Test
    void rejectsBadListenAddress() {
        CredentialStore none = new CredentialStore(List.of(), List.of(), List.of());
        try (IkeDaemon ike = new IkeDaemon(DaemonSettings.defaults(), new LoggingBackend(), (m, p, r) -> { }, none)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MetricsServer.start("9102", ike, Map::of));
            assertTrue(e.getMessage().contains("HOST:PORT"), e.getMessage());
        }
    }
}
