package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast sum agrees with the plain big-endian one of {@link TcpSegmenter#sum} for every length and offset parity,
 * read from native memory (direct buffer) or through the view (heap buffer), and refuses regions outside the buffer.
 */
class OnesComplementSummerTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void equalsTheBigEndianSum(final boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(2000) : ByteBuffer.allocate(2000);
        OnesComplementSummer summer = new OnesComplementSummer(b);
        Random r = new Random(4303);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) r.nextInt());
        }
        for (int off : new int[] {0, 2, 10, 31}) {
            for (int len = 0; len <= 140; len++) { // every remainder after the 32-byte steps
                assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, off, len)), summer.sum(off, len),
                        "off " + off + " len " + len);
            }
            assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, off, 1400)), summer.sum(off, 1400));
        }
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0xff); // carries everywhere
        }
        for (int len : new int[] {63, 64, 1400, 2000}) {
            assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, 0, len)), summer.sum(0, len), "all ones, len " + len);
        }
        // Up to the capacity, whatever the buffer's limit, and an odd tail that ends exactly there.
        OnesComplementSummer narrow = new OnesComplementSummer(b.duplicate().limit(10));
        assertEquals(TcpSegmenter.fold(TcpSegmenter.sum(b, 1963, 37)), narrow.sum(1963, 37));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesRegionsOutsideTheBuffer(final boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(100) : ByteBuffer.allocate(100);
        OnesComplementSummer summer = new OnesComplementSummer(b);
        assertEquals(0, summer.sum(100, 0));
        // Regions of 32 bytes and more are read eight bytes at a time (raw for a direct buffer): one byte over is
        // as much an error as a hundred.
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(69, 32));
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(0, 101));
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(-1, 40));
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(90, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(-8, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(8, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(Integer.MAX_VALUE - 4, 64));
    }
}
