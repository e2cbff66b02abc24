package org.jswan.nativeio.tun;

import java.nio.charset.StandardCharsets;

/**
 * How to open a Linux TUN device.
 *
 * @param name       interface name, at most 15 bytes ({@code IFNAMSIZ - 1}); may contain one {@code %d} for the
 *                   kernel to number it
 * @param mtu        the MTU the device will be configured with (the device only reports it; set it with a
 *                   {@code NetworkConfigurator}); also the largest packet a batch slot must hold
 * @param batchSize  the most packets one read returns; fixed for the life of the device
 * @param multiQueue request {@code IFF_MULTI_QUEUE}: opening the same name again attaches another queue (one fd per
 *                   reader thread)
 * @param vnetHeader request {@code IFF_VNET_HDR}: each packet on the fd is preceded by a
 *                   {@link VirtioNetHeader}. The device handles it (reads strip it, writes prepend a zero one), so
 *                   callers see plain IP packets. It carries the GSO/GRO offloads (wireguard-go
 *                   {@code tun/offload_linux.go}): merged TCP writes, and TSO reads once
 *                   {@link LinuxTunDevice#enableTso()} has set {@code TUNSETOFFLOAD}.
 */
public record TunOptions(String name, int mtu, int batchSize, boolean multiQueue, boolean vnetHeader) {
    /** {@code IFNAMSIZ} in {@code <net/if.h>}, including the terminating NUL. */
    public static final int IFNAMSIZ = 16;
    /**
     * Packets per batch. A TSO read brings up to about 46 full-size segments, so 128 slots hold two such reads: the
     * UDP GSO runs sent per batch get longer (about 40 datagrams instead of 31), and the receiver merges more per
     * TUN write. Measured with {@code scripts/bench-tunnels.sh}: about 10 % more than 64 on one stream; 256 gains
     * nothing more.
     */
    public static final int DEFAULT_BATCH_SIZE = 128;

    public TunOptions {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("TUN name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.US_ASCII).length;
        if (bytes >= IFNAMSIZ || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '/' && c != ':')) {
            throw new IllegalArgumentException("bad interface name '" + name + "': at most " + (IFNAMSIZ - 1)
                    + " printable ASCII characters, no '/', ':' or spaces");
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("mtu " + mtu + " outside 68..65535");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
    }

    /** A single-queue device without virtio header and the default batch size. */
    public static TunOptions of(final String name, final int mtu) {
        return new TunOptions(name, mtu, DEFAULT_BATCH_SIZE, false, false);
    }

    public TunOptions withBatchSize(final int size) {
        return new TunOptions(name, mtu, size, multiQueue, vnetHeader);
    }

    public TunOptions withMultiQueue(final boolean on) {
        return new TunOptions(name, mtu, batchSize, on, vnetHeader);
    }

    public TunOptions withVnetHeader(final boolean on) {
        return new TunOptions(name, mtu, batchSize, multiQueue, on);
    }
}
