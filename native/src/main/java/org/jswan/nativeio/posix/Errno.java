package org.jswan.nativeio.posix;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux errno values by name, for messages on the control path. An open enum: {@link #valueOf(int)} never throws, an
 * unlisted number becomes an {@code UNKNOWN} instance that keeps it.
 */
public final class Errno {
    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    public static final Errno EPERM = define(1, "EPERM", "Operation not permitted");
    public static final Errno ENOENT = define(2, "ENOENT", "No such file or directory");
    public static final Errno EINTR = define(4, "EINTR", "Interrupted system call");
    public static final Errno EIO = define(5, "EIO", "Input/output error");
    public static final Errno ENXIO = define(6, "ENXIO", "No such device or address");
    public static final Errno EBADF = define(9, "EBADF", "Bad file descriptor");
    public static final Errno EAGAIN = define(11, "EAGAIN", "Resource temporarily unavailable");
    public static final Errno ENOMEM = define(12, "ENOMEM", "Cannot allocate memory");
    public static final Errno EACCES = define(13, "EACCES", "Permission denied");
    public static final Errno EFAULT = define(14, "EFAULT", "Bad address");
    public static final Errno EBUSY = define(16, "EBUSY", "Device or resource busy");
    public static final Errno EEXIST = define(17, "EEXIST", "File exists");
    public static final Errno ENODEV = define(19, "ENODEV", "No such device");
    public static final Errno EINVAL = define(22, "EINVAL", "Invalid argument");
    public static final Errno ENFILE = define(23, "ENFILE", "Too many open files in system");
    public static final Errno EMFILE = define(24, "EMFILE", "Too many open files");
    public static final Errno ENOTTY = define(25, "ENOTTY", "Inappropriate ioctl for device");
    public static final Errno ENOSPC = define(28, "ENOSPC", "No space left on device");
    public static final Errno EMSGSIZE = define(90, "EMSGSIZE", "Message too long");
    public static final Errno EPROTONOSUPPORT = define(93, "EPROTONOSUPPORT", "Protocol not supported");
    public static final Errno EOPNOTSUPP = define(95, "EOPNOTSUPP", "Operation not supported");
    public static final Errno EAFNOSUPPORT = define(97, "EAFNOSUPPORT", "Address family not supported by protocol");
    public static final Errno EADDRINUSE = define(98, "EADDRINUSE", "Address already in use");
    public static final Errno EADDRNOTAVAIL = define(99, "EADDRNOTAVAIL", "Cannot assign requested address");
    public static final Errno ENETDOWN = define(100, "ENETDOWN", "Network is down");
    public static final Errno ENETUNREACH = define(101, "ENETUNREACH", "Network is unreachable");
    public static final Errno ENOBUFS = define(105, "ENOBUFS", "No buffer space available");
    public static final Errno ECONNREFUSED = define(111, "ECONNREFUSED", "Connection refused");
    public static final Errno EHOSTUNREACH = define(113, "EHOSTUNREACH", "No route to host");

    private final int number;
    private final String name;
    private final String description;

    private Errno(final int number, final String name, final String description) {
        this.number = number;
        this.name = name;
        this.description = description;
    }

    private static Errno define(final int number, final String name, final String description) {
        Errno e = new Errno(number, name, description);
        BY_NUMBER.put(number, e);
        return e;
    }

    /** The named errno, or a new {@code UNKNOWN} instance carrying {@code number}; never throws. */
    public static Errno valueOf(final int number) {
        Errno e = BY_NUMBER.get(number);
        return e != null ? e : new Errno(number, "UNKNOWN", "errno " + number);
    }

    public int number() {
        return number;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Errno && ((Errno) o).number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    /** E.g. {@code EPERM (1, Operation not permitted)}. */
    @Override
    public String toString() {
        return name + " (" + number + ", " + description + ")";
    }
}
