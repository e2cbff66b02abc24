package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TunOptionsTest {
    @Test
    void nameMustFitIfnamsiz() {
        assertEquals("abcdefghijklmno", TunOptions.of("abcdefghijklmno", 1400).name());
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("abcdefghijklmnop", 1400));
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("", 1400));
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("a/b", 1400));
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("a b", 1400));
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("tün0", 1400));
    }

    @Test
    void mtuAndBatchSizeAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("t0", 67));
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("t0", 65536));
        assertThrows(IllegalArgumentException.class, () -> TunOptions.of("t0", 1400).withBatchSize(0));
        assertEquals(TunOptions.DEFAULT_BATCH_SIZE, TunOptions.of("t0", 1400).batchSize());
    }

    @Test
    void flagsFollowOptions() {
        // linux/if_tun.h: IFF_TUN 0x0001, IFF_MULTI_QUEUE 0x0100, IFF_NO_PI 0x1000, IFF_VNET_HDR 0x4000
        TunOptions o = TunOptions.of("t0", 1400);
        assertEquals(0x1001, LinuxTunDevice.flags(o));
        assertEquals(0x1101, LinuxTunDevice.flags(o.withMultiQueue(true)));
        assertEquals(0x5001, LinuxTunDevice.flags(o.withVnetHeader(true)));
    }

    @Test
    void tunSetIffIsIowT202Int() {
        // _IOC(dir=_IOC_WRITE 1, type 'T', nr 202, size sizeof(int) 4) = 1<<30 | 4<<16 | 'T'<<8 | 202
        assertEquals((1L << 30) | (4L << 16) | ('T' << 8) | 202, LinuxTunDevice.TUNSETIFF);
    }
}
