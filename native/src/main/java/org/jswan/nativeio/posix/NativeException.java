package org.jswan.nativeio.posix;

import java.io.IOException;

/**
 * A failed system call on the control path (open, ioctl, socket, ...): which call, its errno, and a message that says
 * what to do about it where we know. The data path never throws this per packet; it returns {@code -errno}.
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final Errno errno;

    public NativeException(final String call, final int errno, final String message) {
        super(message);
        this.call = call;
        this.errno = Errno.valueOf(errno);
    }

    /** {@code "<call> failed: EXXX (n, text)"} plus an optional detail. */
    public static NativeException of(final String call, final int errno, final String detail) {
        String msg = call + " failed: " + Errno.valueOf(errno);
        return new NativeException(call, errno, detail == null || detail.isEmpty() ? msg : msg + ": " + detail);
    }

    /** The call that failed, e.g. {@code ioctl(TUNSETIFF)}. */
    public String call() {
        return call;
    }

    public Errno errno() {
        return errno;
    }
}
