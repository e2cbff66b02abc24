package org.jswan.config;

import java.util.List;
import java.util.Map;

/**
 * A named virtual IP pool ({@code pools.<name>}): {@code addrs} is a CIDR subnet or a {@code from-to} range;
 * {@code attributes} holds the other keys ({@code dns}, {@code nbns}, {@code split_include}, ...) as lists.
 */
public record PoolConfig(String name, String addrs, Map<String, List<String>> attributes, SourcePosition position) {

    public PoolConfig {
        attributes = Map.copyOf(attributes);
    }

    /** The values of one attribute, empty if absent. */
    public List<String> attribute(String key) {
        return attributes.getOrDefault(key, List.of());
    }
}
