package org.jswan.nativeio.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.Lock;

/**
 * An eventfd that wakes threads blocked in {@link FdWaiter#await()} so that a device or socket can be closed under
 * them. Once woken it stays readable (we never read it), so every later poll returns at once.
 */
public final class Wakeup implements AutoCloseable {
    private final LibC libc;
    private final int fd;
    private final ByteBuffer one = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 1L);
    private volatile boolean woken;

    private Wakeup(final LibC libc, final int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    public static Wakeup open() throws NativeException {
        LibC libc = LibC.instance();
        int fd = libc.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (fd < 0) {
            throw NativeException.of("eventfd", LibC.errno(), null);
        }
        return new Wakeup(libc, fd);
    }

    public int fd() {
        return fd;
    }

    public boolean isWoken() {
        return woken;
    }

    /** Wakes every current and future waiter. */
    public void wake() {
        woken = true;
        one.clear();
        libc.write(fd, one, 8);
    }

    /** Call only once no thread can be waiting any more. */
    @Override
    public void close() {
        libc.close(fd);
    }

    /**
     * Wakes every waiter, then closes once the thread holding {@code inUse} (held around every wait) has left: an
     * eventfd freed under a thread still in poll(2) could be reused for another file before it looks again.
     */
    public void wakeAndClose(final Lock inUse) {
        wake();
        inUse.lock();
        try {
            close();
        } finally {
            inUse.unlock();
        }
    }
}
