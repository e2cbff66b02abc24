package org.jswan.esp.api;

import java.util.Map;

/**
 * The ESP data plane's control API (strongSwan libipsec's role; {@code kernel_ipsec_t} verbs). Called only from the
 * control thread; changes are published to the data threads as immutable snapshots.
 */
public interface IpsecDataPlane {
    /** A random inbound SPI not in use (RFC 4303 §2.1: values 1-255 are reserved). */
    int allocateSpi();

    void installSa(SaSpec spec);

    /** Moves an SA to a new endpoint (peer address/ports after a NAT change or MOBIKE); false if unknown. */
    boolean updateSa(int spi, Direction direction, EspEndpoint endpoint);

    /** Removes the SA and zeroes its keys; false if unknown. */
    boolean removeSa(int spi, Direction direction);

    /** @return an id for {@link #removePolicy} */
    long addPolicy(PolicySpec policy);

    boolean removePolicy(long policyId);

    /** Counters of an installed SA, or null if unknown. */
    SaStats querySa(int spi, Direction direction);

    void setListener(SaEventListener listener);

    /** Delivers queued SA events to the listener on the calling (control) thread; returns how many. */
    int dispatchEvents();

    /** Packets dropped so far, by reason, summed over all data threads. */
    Map<DropReason, Long> dropCounters();
}
