package org.jswan.esp.api;

import java.util.Objects;

/**
 * An outbound policy: traffic from {@code local} to {@code remote} is protected by the outbound SA with
 * {@code reqid}. The most specific match wins (longest prefixes, then protocol, then narrower ports), then the
 * lower {@code priority}.
 */
public record PolicySpec(TrafficSelector local, TrafficSelector remote, int reqid, int priority) {
    public PolicySpec {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        if (local.ipv6() != remote.ipv6()) {
            throw new IllegalArgumentException("policy selectors of different families");
        }
    }
}
