package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast little-endian checksum sum agrees with the plain big-endian one for every length and offset parity. */
class TcpSegmenterTest {
    @Test
    void littleEndianSumEqualsTheBigEndianSum() {
        ByteBuffer b = ByteBuffer.allocateDirect(2000);
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(4303);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) r.nextInt());
        }
        for (int off : new int[] {0, 2, 10, 31}) {
            for (int len = 0; len <= 140; len++) { // every remainder after the 32-byte steps
                assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, off, len)),
                        TcpSegmenter.fold(TcpSegmenter.sumLe(le, off, len)), "off " + off + " len " + len);
            }
            assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, off, 1400)),
                    TcpSegmenter.fold(TcpSegmenter.sumLe(le, off, 1400)));
        }
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0xff); // carries everywhere
        }
        for (int len : new int[] {63, 64, 1400, 2000}) {
            assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, 0, len)),
                    TcpSegmenter.fold(TcpSegmenter.sumLe(le, 0, len)), "all ones, len " + len);
        }
    }
}
