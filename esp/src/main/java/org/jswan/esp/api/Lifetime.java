package org.jswan.esp.api;

/** A soft or hard SA lifetime in bytes and packets; 0 means no limit (RFC 4301 §4.4.2.1). */
public record Lifetime(long bytes, long packets) {
    public static final Lifetime UNLIMITED = new Lifetime(0, 0);

    public Lifetime {
        if (bytes < 0 || packets < 0) {
            throw new IllegalArgumentException("negative lifetime");
        }
    }

    /** True once {@code b} bytes or {@code p} packets reach this lifetime. */
    public boolean reached(final long b, final long p) {
        return (bytes > 0 && b >= bytes) || (packets > 0 && p >= packets);
    }
}
