package org.jswan.nativeio.tun;

import java.nio.ByteBuffer;

/**
 * A fixed number of packet slots in direct memory, reused forever by the one thread that owns it
 * (wireguard-go's {@code bufs [][]byte, sizes []int}). Each slot is a direct {@link ByteBuffer} of
 * {@code slotSize} bytes; a packet occupies {@code [offset, offset + length)} of its slot, so headers can be
 * written in place in front of it (headroom) and trailers behind it (tailroom).
 *
 * <p>Not thread-safe: one owner thread at a time.
 */
public final class PacketBatch {
    /** Room in front of a packet read from TUN: outer IPv6 (40) + UDP (8) + ESP header (8) + IV (8), rounded up. */
    public static final int DEFAULT_HEADROOM = 96;
    /** Room behind a packet: ESP padding (up to 255 with TFC) + pad length + next header + ICV (up to 32). */
    public static final int DEFAULT_TAILROOM = 320;

    private final ByteBuffer[] slots;
    private final int[] offsets;
    private final int[] lengths;
    private final int slotSize;
    private int count;

    public PacketBatch(final int capacity, final int slotSize) {
        if (capacity < 1 || slotSize < 1) {
            throw new IllegalArgumentException("capacity and slotSize must be positive");
        }
        this.slotSize = slotSize;
        this.slots = new ByteBuffer[capacity];
        this.offsets = new int[capacity];
        this.lengths = new int[capacity];
        ByteBuffer whole = ByteBuffer.allocateDirect(Math.multiplyExact(capacity, slotSize));
        for (int i = 0; i < capacity; i++) {
            whole.limit((i + 1) * slotSize).position(i * slotSize);
            slots[i] = whole.slice();
        }
    }

    /** A batch sized for packets up to {@code mtu} bytes with the default headroom and tailroom. */
    public static PacketBatch forMtu(final int capacity, final int mtu) {
        return new PacketBatch(capacity, DEFAULT_HEADROOM + mtu + DEFAULT_TAILROOM);
    }

    public int capacity() {
        return slots.length;
    }

    public int slotSize() {
        return slotSize;
    }

    /** Number of slots that hold a packet, always the first {@code count} slots. */
    public int count() {
        return count;
    }

    public void count(final int count) {
        if (count < 0 || count > slots.length) {
            throw new IllegalArgumentException("count " + count + " outside 0.." + slots.length);
        }
        this.count = count;
    }

    /** The whole slot {@code i}; its position and limit are the caller's to use, absolute accessors are safest. */
    public ByteBuffer slot(final int i) {
        return slots[i];
    }

    public int offset(final int i) {
        return offsets[i];
    }

    public int length(final int i) {
        return lengths[i];
    }

    /** Marks slot {@code i} as holding a packet at {@code [offset, offset + length)}. */
    public void set(final int i, final int offset, final int length) {
        if (offset < 0 || length < 0 || offset + length > slotSize) {
            throw new IllegalArgumentException("packet [" + offset + ", " + (offset + length) + ") outside slot of "
                    + slotSize);
        }
        offsets[i] = offset;
        lengths[i] = length;
    }

    public void clear() {
        count = 0;
    }
}
