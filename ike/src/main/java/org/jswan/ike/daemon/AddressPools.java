package org.jswan.ike.daemon;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jswan.ike.peer.VirtualIpPool;

/**
 * Leases of virtual IPs from the configured pools (strongSwan's mem_pool): one address per pool and peer identity
 * at a time; a peer that comes back gets its previous address again if it is still free. Confined to the control
 * thread.
 */
final class AddressPools {
    /** The lease state of one pool, kept across reloads while its range stays the same. */
    private static final class Leases {
        final VirtualIpPool pool;
        final Set<Long> online = new HashSet<>();
        final Map<String, Long> byIdentity = new HashMap<>();
        long next;

        Leases(final VirtualIpPool pool) {
            this.pool = pool;
        }
    }

    private final Map<String, Leases> pools = new HashMap<>();

    private Leases leases(final VirtualIpPool pool) {
        Leases l = pools.get(pool.name());
        if (l == null || !l.pool.first().equals(pool.first()) || !l.pool.last().equals(pool.last())) {
            l = new Leases(pool);
            pools.put(pool.name(), l);
        }
        return l;
    }

    /** An address of {@code pool} for {@code identity}, or null if the pool is exhausted. */
    InetAddress acquire(final VirtualIpPool pool, final String identity) {
        Leases l = leases(pool);
        Long previous = l.byIdentity.get(identity);
        if (previous != null && l.online.add(previous)) {
            return pool.at(previous);
        }
        long size = pool.size().min(java.math.BigInteger.valueOf(1 << 24)).longValueExact();
        for (long i = 0; i < size; i++) {
            long offset = (l.next + i) % size;
            if (l.online.add(offset)) {
                l.next = offset + 1;
                l.byIdentity.put(identity, offset);
                return pool.at(offset);
            }
        }
        return null;
    }

    /** Returns {@code address} to its pool; the identity keeps a claim on it while it stays free. */
    void release(final InetAddress address) {
        for (Leases l : pools.values()) {
            long offset = l.pool.offsetOf(address);
            if (offset >= 0 && l.online.remove(offset)) {
                return;
            }
        }
    }

    /** Addresses of {@code poolName} currently leased. */
    int online(final String poolName) {
        Leases l = pools.get(poolName);
        return l == null ? 0 : l.online.size();
    }
}
