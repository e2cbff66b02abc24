package org.jswan.ike.spi;

/** Soft or hard SA limits the data plane enforces; 0 means unlimited. Time limits are kept by IKE itself. */
public record Lifetime(long bytes, long packets) {
    public static final Lifetime UNLIMITED = new Lifetime(0, 0);
}
