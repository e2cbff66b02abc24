package org.jswan.esp.engine;

import java.nio.ByteBuffer;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Closes the gaps dropped packets leave in a batch, so the kept packets are the first {@code count} slots again. Slots
 * are fixed buffers, so a kept packet behind a gap is copied forward: a copy only on the (rare) drop path.
 */
final class BatchCompactor {
    private BatchCompactor() {
    }

    /**
     * Keeps packet {@code i}, now at {@code [offset, offset + length)} of its slot, as the batch's packet number
     * {@code kept} (moved forward over a gap if there is one).
     *
     * @return the number of packets kept so far, this one included
     */
    static int keep(final PacketBatch batch, final int i, final int kept, final int offset, final int length) {
        batch.set(i, offset, length);
        if (kept != i) {
            move(batch, i, kept);
        }
        return kept + 1;
    }

    /**
     * Moves slot {@code from}'s packet into slot {@code to} at the same offset (keeping its headroom).
     */
    static void move(final PacketBatch batch, final int from, final int to) {
        ByteBuffer src = batch.slot(from);
        ByteBuffer dst = batch.slot(to);
        int off = batch.offset(from);
        int len = batch.length(from);
        dst.put(off, src, off, len);
        batch.set(to, off, len);
    }
}
