package org.jswan.nativeio.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Waits with poll(2) until a nonblocking fd is ready for {@code events} or a {@link Wakeup} fires. Owns its
 * {@code struct pollfd[2]} in direct memory, so one waiter serves one thread and waiting allocates nothing.
 */
public final class FdWaiter {
    private static final int REVENTS = 6;

    private final LibC libc;
    private final Wakeup wakeup;
    private final ByteBuffer pollSet = ByteBuffer.allocateDirect(2 * LibC.POLLFD_SIZE).order(ByteOrder.nativeOrder());

    public FdWaiter(final int fd, final short events, final Wakeup wakeup) {
        this.libc = LibC.instance();
        this.wakeup = wakeup;
        pollSet.putInt(0, fd).putShort(4, events);
        pollSet.putInt(LibC.POLLFD_SIZE, wakeup.fd()).putShort(LibC.POLLFD_SIZE + 4, LibC.POLLIN);
    }

    /**
     * Blocks until the fd is ready (or in error, which the next call on it will report).
     *
     * @return false if woken for closing instead
     */
    public boolean await() throws NativeException {
        while (!wakeup.isWoken()) {
            pollSet.putShort(REVENTS, (short) 0).putShort(LibC.POLLFD_SIZE + REVENTS, (short) 0);
            if (libc.poll(pollSet, 2, -1) >= 0) {
                return !wakeup.isWoken();
            }
            int err = LibC.errno();
            if (err != Errno.EINTR.number()) {
                throw NativeException.of("poll", err, null);
            }
        }
        return false;
    }
}
