package org.jswan.gateway.control;

import java.util.List;

/** A virtual IP pool for {@code get-pools}; {@code leases} empty unless asked for. */
public record PoolView(String name, String base, long size, long online, long offline, List<Lease> leases) {
    public PoolView {
        leases = List.copyOf(leases);
    }

    /** {@code status} online|offline. */
    public record Lease(String address, String identity, String status) {
    }
}
