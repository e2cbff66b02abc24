package org.jswan.config;

import java.util.List;

/** The typed content of a swanctl.conf: connections, secrets, pools and authorities, in file order. */
public record SwanctlConfig(List<ConnectionConfig> connections, List<SecretConfig> secrets, List<PoolConfig> pools,
                            List<AuthorityConfig> authorities) {

    public static final SwanctlConfig EMPTY = new SwanctlConfig(List.of(), List.of(), List.of(), List.of());

    public SwanctlConfig {
        connections = List.copyOf(connections);
        secrets = List.copyOf(secrets);
        pools = List.copyOf(pools);
        authorities = List.copyOf(authorities);
    }

    /** The connection named {@code name}, or null. */
    public ConnectionConfig connection(String name) {
        for (ConnectionConfig c : connections) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The pool named {@code name}, or null. */
    public PoolConfig pool(String name) {
        for (PoolConfig p : pools) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
