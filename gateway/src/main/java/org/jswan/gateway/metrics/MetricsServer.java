package org.jswan.gateway.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jswan.ike.daemon.IkeDaemon;
import org.jswan.ike.daemon.IkeSaView;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;

/**
 * Serves {@code GET /metrics} in Prometheus' text format: SA counts by state, per-CHILD_SA traffic, IKE exchange
 * outcomes, drops by reason (IKE and ESP), and a "configured but down" gauge per connection that should be up.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;
    private final IkeDaemon ike;
    private final Supplier<Map<String, Long>> espDrops;

    private MetricsServer(final HttpServer server, final IkeDaemon ike, final Supplier<Map<String, Long>> espDrops) {
        this.server = server;
        this.ike = ike;
        this.espDrops = espDrops;
    }

    /** Parses {@code HOST:PORT} (e.g. {@code 127.0.0.1:9102}, {@code [::1]:9102}) and starts serving. */
    public static MetricsServer start(final String listen, final IkeDaemon ike,
                                      final Supplier<Map<String, Long>> espDrops) throws IOException {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--metrics expects HOST:PORT, e.g. 127.0.0.1:9102, got '" + listen
                    + "'");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics port is not a number: '" + listen + "'");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 8);
        MetricsServer m = new MetricsServer(server, ike, espDrops);
        server.createContext("/metrics", m::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jswan-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return m;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** The current metrics as Prometheus text. */
    public String render() {
        List<IkeSaView> sas = ike.listSas();
        PrometheusText t = new PrometheusText();
        t.family("jswan_uptime_seconds", "gauge", "Seconds since the daemon started.");
        t.sample("jswan_uptime_seconds", Map.of(), (System.currentTimeMillis() - ike.startedAtMillis()) / 1000);

        Map<String, Integer> byState = new TreeMap<>();
        int children = 0;
        for (IkeSaView sa : sas) {
            byState.merge(sa.state(), 1, Integer::sum);
            children += sa.children().size();
        }
        t.family("jswan_ike_sas", "gauge", "IKE_SAs by state.");
        for (String state : List.of("CONNECTING", "ESTABLISHED", "REKEYING", "REKEYED", "DELETING")) {
            t.sample("jswan_ike_sas", Map.of("state", state), byState.getOrDefault(state, 0));
        }
        t.family("jswan_child_sas", "gauge", "CHILD_SAs.");
        t.sample("jswan_child_sas", Map.of(), children);

        t.family("jswan_child_sa_bytes_total", "counter", "Bytes protected by a CHILD_SA, by direction.");
        for (IkeSaView sa : sas) {
            for (IkeSaView.ChildView c : sa.children()) {
                t.sample("jswan_child_sa_bytes_total", labels(sa, c, "in"), c.bytesIn());
                t.sample("jswan_child_sa_bytes_total", labels(sa, c, "out"), c.bytesOut());
            }
        }
        t.family("jswan_child_sa_packets_total", "counter", "Packets protected by a CHILD_SA, by direction.");
        for (IkeSaView sa : sas) {
            for (IkeSaView.ChildView c : sa.children()) {
                t.sample("jswan_child_sa_packets_total", labels(sa, c, "in"), c.packetsIn());
                t.sample("jswan_child_sa_packets_total", labels(sa, c, "out"), c.packetsOut());
            }
        }
        t.family("jswan_ike_exchanges_total", "counter", "Outcomes of IKE_SA setups.");
        for (Map.Entry<String, Long> e : ike.counters().outcomes().entrySet()) {
            t.sample("jswan_ike_exchanges_total", Map.of("outcome", e.getKey()), e.getValue());
        }
        t.family("jswan_ike_dropped_total", "counter", "IKE messages dropped, by reason.");
        for (Map.Entry<String, Long> e : ike.counters().drops().entrySet()) {
            t.sample("jswan_ike_dropped_total", Map.of("reason", e.getKey()), e.getValue());
        }
        t.family("jswan_esp_dropped_total", "counter", "ESP packets dropped by the data plane, by reason.");
        for (Map.Entry<String, Long> e : espDrops.get().entrySet()) {
            t.sample("jswan_esp_dropped_total", Map.of("reason", e.getKey()), e.getValue());
        }
        t.family("jswan_connection_down", "gauge",
                "1 if a connection with a child to start (start_action = start) has no ESTABLISHED IKE_SA.");
        for (PeerConfig p : ike.connections()) {
            boolean wanted = p.children().stream().anyMatch(c -> c.startAction() == ChildPeerConfig.StartAction.START);
            if (!wanted) {
                continue;
            }
            boolean up = sas.stream().anyMatch(s -> s.name().equals(p.name()) && s.state().equals("ESTABLISHED"));
            t.sample("jswan_connection_down", Map.of("connection", p.name()), up ? 0 : 1);
        }
        return t.toString();
    }

    private static Map<String, String> labels(final IkeSaView sa, final IkeSaView.ChildView c, final String dir) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("connection", sa.name());
        l.put("child", c.name());
        l.put("spi", String.format("%08x", dir.equals("in") ? c.spiIn() : c.spiOut()));
        l.put("direction", dir);
        return l;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
