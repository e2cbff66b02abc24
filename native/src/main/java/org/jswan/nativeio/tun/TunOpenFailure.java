package org.jswan.nativeio.tun;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.NativeException;

/**
 * Turns a failed {@code open("/dev/net/tun")} or {@code ioctl(TUNSETIFF)} into a message that says what is wrong and
 * how to fix it. The common case is a missing {@code CAP_NET_ADMIN}, which the kernel reports as EPERM.
 */
public final class TunOpenFailure {
    private TunOpenFailure() {
    }

    /** The exception for {@code call} failing with {@code errno} while opening {@code device}. */
    public static NativeException exception(final String call, final int errno, final String device) {
        return NativeException.of(call, errno, advice(call, errno, device, javaBinary()));
    }

    /** The explanation and fix for the failure, or an empty string when there is nothing specific to say. */
    public static String advice(final String call, final int errno, final String device, final String javaBinary) {
        boolean open = call.startsWith("open");
        if (errno == Errno.EPERM.number()) {
            return "creating TUN device '" + device + "' needs the CAP_NET_ADMIN capability, which this process does"
                    + " not have. Fix: run as root; or give the Java binary the capability with"
                    + " 'sudo setcap cap_net_admin+ep " + javaBinary + "' (the real file, not a symlink); or, under"
                    + " systemd, run with AmbientCapabilities=CAP_NET_ADMIN (and CapabilityBoundingSet including it);"
                    + " in a container, add --cap-add=NET_ADMIN."
                    + (open ? "" : " (EPERM also means the device exists as a persistent TUN owned by another user.)");
        }
        if (open && errno == Errno.EACCES.number()) {
            return "this user may not read and write " + LinuxTunDevice.CLONE_DEVICE + " (normally mode crw-rw-rw-);"
                    + " fix its permissions or run as root";
        }
        if (open && (errno == Errno.ENOENT.number() || errno == Errno.ENODEV.number()
                || errno == Errno.ENXIO.number())) {
            return LinuxTunDevice.CLONE_DEVICE + " is missing: load the tun module ('modprobe tun'), or in a"
                    + " container pass the device (--device /dev/net/tun)";
        }
        if (!open && errno == Errno.EBUSY.number()) {
            return "the name '" + device + "' is taken by a non-TUN interface, or by a TUN already attached to"
                    + " another process without IFF_MULTI_QUEUE";
        }
        if (!open && errno == Errno.EINVAL.number()) {
            return "'" + device + "' exists with other flags (TAP vs TUN, multi-queue, vnet header), or the kernel"
                    + " does not support the flags requested";
        }
        return "";
    }

    /** The java executable of this process, resolved to the real file so that setcap can act on it. */
    static String javaBinary() {
        String command = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java");
        try {
            Path real = Paths.get(command).toRealPath();
            return real.toString();
        } catch (IOException | RuntimeException e) {
            return command;
        }
    }
}
