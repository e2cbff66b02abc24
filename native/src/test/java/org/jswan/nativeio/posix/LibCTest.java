package org.jswan.nativeio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The binding itself, with calls that need no privilege: an eventfd, and a failing open for errno. */
class LibCTest {
    private final LibC libc = LibC.instance();

    @Test
    void failedOpenSavesErrno() {
        assertEquals(-1, libc.open("/nonexistent/jswan", LibC.O_RDWR));
        assertEquals(Errno.ENOENT.number(), LibC.errno());
    }

    @Test
    void eventfdWriteReadAndPollUseDirectBuffersAtTheirPosition() {
        int fd = libc.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        assertTrue(fd >= 0, "eventfd: " + Errno.valueOf(LibC.errno()));
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            assertEquals(-1, libc.read(fd, buf, 8));
            assertEquals(Errno.EAGAIN.number(), LibC.errno());

            buf.putLong(8, 5L).position(8);
            assertEquals(8, libc.write(fd, buf, 8));
            ByteBuffer pfd = ByteBuffer.allocateDirect(LibC.POLLFD_SIZE).order(ByteOrder.nativeOrder());
            pfd.putInt(0, fd).putShort(4, LibC.POLLIN);
            assertEquals(1, libc.poll(pfd, 1, 1000));
            assertEquals(LibC.POLLIN, pfd.getShort(6) & LibC.POLLIN);

            buf.clear().position(8).putLong(8, 0L);
            assertEquals(8, libc.read(fd, buf, 8));
            assertEquals(5L, buf.getLong(8), "the value lands at the buffer's position");
            assertEquals(0L, buf.getLong(0));
        } finally {
            libc.close(fd);
        }
    }

    @Test
    void addressIsTheBuffersFirstByteWhateverItsPosition() {
        ByteBuffer whole = ByteBuffer.allocateDirect(64);
        long base = LibC.address(whole);
        whole.position(40);
        assertEquals(base, LibC.address(whole), "the position does not move the address");
        ByteBuffer slice = whole.duplicate().position(16).slice();
        slice.position(8);
        assertEquals(base + 16, LibC.address(slice), "a slice starts where it was cut");
        assertThrows(IllegalArgumentException.class, () -> LibC.address(ByteBuffer.allocate(8)));
    }
}
