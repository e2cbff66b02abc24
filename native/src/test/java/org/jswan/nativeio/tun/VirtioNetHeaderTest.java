package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class VirtioNetHeaderTest {
    @Test
    void readsLittleEndianFieldsAndWritesAZeroHeader() {
        ByteBuffer b = ByteBuffer.allocateDirect(32);
        for (int i = 0; i < 32; i++) {
            b.put(i, (byte) 0xee);
        }
        // flags NEEDS_CSUM, gso_type TCPV4, hdr_len 54, gso_size 1448 (0x05a8, little-endian)
        b.put(4, (byte) 1).put(5, (byte) 1).put(6, (byte) 54).put(7, (byte) 0).put(8, (byte) 0xa8).put(9, (byte) 5);
        assertEquals(VirtioNetHeader.FLAG_NEEDS_CSUM, VirtioNetHeader.flags(b, 4));
        assertEquals(VirtioNetHeader.GSO_TCPV4, VirtioNetHeader.gsoType(b, 4));
        assertEquals(1448, VirtioNetHeader.gsoSize(b, 4));
        VirtioNetHeader.putNone(b, 4);
        for (int i = 4; i < 14; i++) {
            assertEquals(0, b.get(i));
        }
        assertEquals((byte) 0xee, b.get(3));
        assertEquals((byte) 0xee, b.get(14));
    }
}
