package org.jswan.ike.spi;

/** Events from the data plane; delivered on the IKE control thread. */
public interface BackendListener {

    /** A soft (time to rekey) or hard (SA is gone) byte or packet limit was crossed, or sequence numbers ran out. */
    void onExpire(int reqid, int spi, boolean hard);

    /** Traffic matched a trap policy of {@code reqid} that has no SA yet: negotiate one (kernel_ipsec acquire). */
    default void onAcquire(int reqid) {
    }
}
