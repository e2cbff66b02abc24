package org.jswan.nativeio.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Waits with poll(2) until one of some nonblocking fds is ready for {@code events} or a {@link Wakeup} fires. Owns
 * its {@code struct pollfd} array in direct memory, so one waiter serves one thread and waiting allocates nothing.
 */
public final class FdWaiter {
    private static final int REVENTS = 6;

    private final LibC libc;
    private final Wakeup wakeup;
    private final int count;
    private final ByteBuffer pollSet;

    public FdWaiter(final int fd, final short events, final Wakeup wakeup) {
        this(new int[] {fd}, events, wakeup);
    }

    /** Waits for any of {@code fds}: a thread that reads several sockets. */
    public FdWaiter(final int[] fds, final short events, final Wakeup wakeup) {
        this.libc = LibC.instance();
        this.wakeup = wakeup;
        this.count = fds.length + 1;
        this.pollSet = ByteBuffer.allocateDirect(count * LibC.POLLFD_SIZE).order(ByteOrder.nativeOrder());
        for (int i = 0; i < fds.length; i++) {
            pollSet.putInt(i * LibC.POLLFD_SIZE, fds[i]).putShort(i * LibC.POLLFD_SIZE + 4, events);
        }
        int w = fds.length * LibC.POLLFD_SIZE;
        pollSet.putInt(w, wakeup.fd()).putShort(w + 4, LibC.POLLIN);
    }

    /**
     * Blocks until an fd is ready (or in error, which the next call on it will report).
     *
     * @return false if woken for closing instead
     */
    public boolean await() throws NativeException {
        while (!wakeup.isWoken()) {
            for (int i = 0; i < count; i++) {
                pollSet.putShort(i * LibC.POLLFD_SIZE + REVENTS, (short) 0);
            }
            if (libc.poll(pollSet, count, -1) >= 0) {
                return !wakeup.isWoken();
            }
            int err = LibC.errno();
            if (err != Errno.EINTR.number()) {
                throw NativeException.of("poll", err, null);
            }
        }
        return false;
    }

    /** After {@link #await}: whether fd {@code index} (in the order given) was ready, or in error, at that poll. */
    public boolean ready(final int index) {
        return pollSet.getShort(index * LibC.POLLFD_SIZE + REVENTS) != 0;
    }
}
