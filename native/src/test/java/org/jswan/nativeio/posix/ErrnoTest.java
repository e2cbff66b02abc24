package org.jswan.nativeio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void knownNumbersMapToTheirLinuxNames() {
        assertSame(Errno.EPERM, Errno.valueOf(1));
        assertSame(Errno.EAGAIN, Errno.valueOf(11));
        assertSame(Errno.EBUSY, Errno.valueOf(16));
        assertEquals("EINVAL", Errno.valueOf(22).name());
        assertEquals("EPERM (1, Operation not permitted)", Errno.EPERM.toString());
    }

    @Test
    void unknownNumberIsKeptNotThrown() {
        Errno e = Errno.valueOf(4095);
        assertEquals("UNKNOWN", e.name());
        assertEquals(4095, e.number());
        assertEquals(e, Errno.valueOf(4095));
        assertTrue(e.toString().contains("4095"));
    }

    @Test
    void nativeExceptionNamesCallAndErrno() {
        NativeException e = NativeException.of("ioctl(TUNSETIFF)", 16, "name taken");
        assertEquals("ioctl(TUNSETIFF) failed: EBUSY (16, Device or resource busy): name taken", e.getMessage());
        assertSame(Errno.EBUSY, e.errno());
        assertEquals("ioctl(TUNSETIFF)", e.call());
        assertEquals("poll failed: EBADF (9, Bad file descriptor)", NativeException.of("poll", 9, "").getMessage());
    }
}
