package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.NativeException;
import org.junit.jupiter.api.Test;

class TunOpenFailureTest {
    private static final String JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    @Test
    void epermOnTunsetiffExplainsCapNetAdminAndEveryFix() {
        String m = TunOpenFailure.advice("ioctl(TUNSETIFF)", Errno.EPERM.number(), "jswan0", JAVA);
        assertTrue(m.contains("creating TUN device 'jswan0' needs the CAP_NET_ADMIN capability"), m);
        assertTrue(m.contains("run as root"), m);
        assertTrue(m.contains("setcap cap_net_admin+ep " + JAVA), m);
        assertTrue(m.contains("AmbientCapabilities=CAP_NET_ADMIN"), m);
    }

    @Test
    void epermOnOpenSaysTheSame() {
        String m = TunOpenFailure.advice("open(/dev/net/tun)", Errno.EPERM.number(), "jswan0", JAVA);
        assertTrue(m.contains("CAP_NET_ADMIN"), m);
        assertTrue(m.contains("setcap cap_net_admin+ep " + JAVA), m);
    }

    @Test
    void exceptionCarriesCallErrnoAndAdvice() {
        NativeException e = TunOpenFailure.exception("ioctl(TUNSETIFF)", Errno.EPERM.number(), "jswan0");
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("ioctl(TUNSETIFF) failed: EPERM (1, Operation not permitted): "
                + "creating TUN device 'jswan0' needs the CAP_NET_ADMIN"), e.getMessage());
        assertTrue(e.getMessage().contains("setcap cap_net_admin+ep /"), e.getMessage());
    }

    @Test
    void missingCloneDeviceSuggestsModprobe() {
        String m = TunOpenFailure.advice("open(/dev/net/tun)", Errno.ENOENT.number(), "jswan0", JAVA);
        assertTrue(m.contains("modprobe tun"), m);
        assertTrue(m.contains("--device /dev/net/tun"), m);
    }

    @Test
    void busyAndInvalidNameTheirCauses() {
        assertTrue(TunOpenFailure.advice("ioctl(TUNSETIFF)", Errno.EBUSY.number(), "eth0", JAVA)
                .contains("'eth0' is taken"));
        assertTrue(TunOpenFailure.advice("ioctl(TUNSETIFF)", Errno.EINVAL.number(), "t0", JAVA)
                .contains("multi-queue"));
        assertEquals("", TunOpenFailure.advice("ioctl(TUNSETIFF)", Errno.ENOMEM.number(), "t0", JAVA));
    }
}
