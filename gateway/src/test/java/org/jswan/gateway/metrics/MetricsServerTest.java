package org.jswan.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.jswan.ike.spi.LoggingBackend;
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
