package org.jswan.gateway.control;

import java.time.Instant;
import java.util.List;

/** {@code stats} figures. {@code workers*} count the daemon's control threads; queues are not modelled. */
public record GatewayStats(Instant since, int workersTotal, int workersIdle, int ikeSasTotal, int ikeSasHalfOpen,
        List<String> plugins) {
    public GatewayStats {
        plugins = List.copyOf(plugins);
    }
}
