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
     * Moves slot {@code from}'s packet into slot {@code to} at the same offset (keeping its headroom).
     */
    static void move(final PacketBatch batch, final int from, final int to) {
        ByteBuffer src = batch.slot(from);
        ByteBuffer dst = batch.slot(to);
        int off = batch.offset(from);
        int len = batch.length(from);
        for (int i = 0; i < len; i++) {
            dst.put(off + i, src.get(off + i));
        }
        batch.set(to, off, len);
    }
}
