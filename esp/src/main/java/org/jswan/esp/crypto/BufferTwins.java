package org.jswan.esp.crypto;

import java.nio.ByteBuffer;

/**
 * The JCA refuses the same ByteBuffer object as input and output of an in-place {@code doFinal}, so each packet buffer
 * needs a second view. Batch slots are long-lived, so their twins are made once and found again by identity: no
 * allocation per packet once every slot has been seen. Thread-confined, like the transform that owns it.
 */
final class BufferTwins {
    private static final int CAPACITY = 256;

    private final ByteBuffer[] keys = new ByteBuffer[CAPACITY];
    private final ByteBuffer[] twins = new ByteBuffer[CAPACITY];

    ByteBuffer twin(final ByteBuffer b) {
        int h = System.identityHashCode(b) & (CAPACITY - 1);
        for (int i = 0; i < 8; i++) {
            int j = (h + i) & (CAPACITY - 1);
            ByteBuffer k = keys[j];
            if (k == b) {
                return twins[j];
            }
            if (k == null) {
                keys[j] = b;
                twins[j] = b.duplicate();
                return twins[j];
            }
        }
        return b.duplicate(); // table crowded: correct, just not allocation-free
    }
}
