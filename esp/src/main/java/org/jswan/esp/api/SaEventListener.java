package org.jswan.esp.api;

/**
 * Data plane to control plane events, delivered on the control thread by {@link IpsecDataPlane#dispatchEvents()}.
 * Each lifetime crossing raises exactly one event.
 */
public interface SaEventListener {
    void onSoftExpire(Direction direction, int spi);

    void onHardExpire(Direction direction, int spi);

    /** The outbound sequence number space is exhausted (RFC 4303 §3.3.3); the SA stopped sending. */
    void onSeqOverflow(Direction direction, int spi);

    /**
     * Outbound traffic matched a policy of {@code reqid} that has no SA (a trap policy, strongSwan's acquire): the
     * control plane may negotiate one. Raised at most about once a second per reqid.
     */
    default void onAcquire(int reqid) {
    }
}
