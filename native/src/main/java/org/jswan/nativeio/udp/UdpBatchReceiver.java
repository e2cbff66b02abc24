package org.jswan.nativeio.udp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.FdWaiter;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.posix.Wakeup;

/**
 * Receives datagrams on a UDP socket it does not own, up to {@code capacity} per recvmmsg(2), into buffers of
 * {@link #MAX_MESSAGE} bytes made once. With UDP GRO on the socket ({@link #enableGro}) the kernel hands a run of
 * equal-sized datagrams from one peer as one message and says the size in a {@code UDP_GRO} control message
 * ({@link #segmentSize}); the caller cuts it. Receiving allocates nothing; only {@link #source} makes an address
 * object, for the rare caller that needs one. This is the receiving half of {@link UdpBatchSender}
 * (wireguard-go {@code conn/bind_std.go} reads the same way).
 *
 * <p>Layouts as in {@link MessageVector}; per message: one iovec, {@value #CONTROL_SIZE} bytes of control space, one
 * {@code sockaddr_in6}-sized name. A truncated message ({@code MSG_TRUNC}, which the buffer size rules out for UDP,
 * or {@code MSG_CTRUNC}) has {@link #length} -1. Socket errors that one read reports and clears (ICMP errors,
 * memory pressure) are counted and passed over; others throw.
 *
 * <p>Threads: one receiving thread; {@link #close()} from any thread wakes it. The fd stays the owner's: stop the
 * receiving thread before the owner closes the socket.
 */
public final class UdpBatchReceiver implements AutoCloseable {
    /** The largest UDP payload, and so the largest GRO message. */
    public static final int MAX_MESSAGE = 65_536;
    static final int CONTROL_SIZE = 64;
    /** linux/udp.h: the option and control message type of UDP GRO. */
    static final int UDP_GRO = 104;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_CTRUNC = 0x8;

    private final LibC libc;
    private final int fd;
    private final int capacity;
    private final ByteBuffer mem;
    private final long base;
    private final int iovAt;
    private final int controlAt;
    private final int nameAt;
    private final ByteBuffer[] data;
    private final int[] length;
    private final int[] segment;
    private final Wakeup wakeup;
    private final FdWaiter readable;
    /** Held while the receiving thread waits or reads, so that close() frees the wakeup fd only after that. */
    private final ReentrantLock receiveLock = new ReentrantLock();
    private volatile boolean closed;
    private long messages;
    private long truncated;
    private long errors;

    private UdpBatchReceiver(final LibC libc, final int fd, final int capacity, final Wakeup wakeup,
            final int[] alsoWaitFor) {
        this.libc = libc;
        this.fd = fd;
        this.capacity = capacity;
        this.iovAt = capacity * MessageVector.MMSGHDR_SIZE;
        this.controlAt = iovAt + capacity * MessageVector.IOVEC_SIZE;
        this.nameAt = controlAt + capacity * CONTROL_SIZE;
        this.mem = ByteBuffer.allocateDirect(nameAt + capacity * MessageVector.NAME_SIZE)
                .order(ByteOrder.nativeOrder());
        this.base = LibC.address(mem);
        this.data = new ByteBuffer[capacity];
        this.length = new int[capacity];
        this.segment = new int[capacity];
        ByteBuffer all = ByteBuffer.allocateDirect(capacity * MAX_MESSAGE);
        long allAddress = LibC.address(all);
        for (int m = 0; m < capacity; m++) {
            data[m] = all.slice(m * MAX_MESSAGE, MAX_MESSAGE);
            int iov = iovAt + m * MessageVector.IOVEC_SIZE;
            mem.putLong(iov, allAddress + (long) m * MAX_MESSAGE);
            mem.putLong(iov + 8, MAX_MESSAGE);
        }
        this.wakeup = wakeup;
        int[] fds = new int[1 + alsoWaitFor.length];
        fds[0] = fd;
        System.arraycopy(alsoWaitFor, 0, fds, 1, alsoWaitFor.length);
        this.readable = new FdWaiter(fds, LibC.POLLIN, wakeup);
    }

    /**
     * @param fd       a nonblocking, bound UDP socket; stays open and owned by the caller
     * @param capacity the most messages one {@link #receive} returns (each may carry a GRO run)
     */
    public static UdpBatchReceiver open(final int fd, final int capacity) throws NativeException {
        return open(fd, capacity, new int[0]);
    }

    /**
     * A receiver whose {@link #await} also returns when one of {@code alsoWaitFor} (other sockets the same thread
     * reads) is readable; those fds must stay open until this receiver is closed.
     */
    public static UdpBatchReceiver open(final int fd, final int capacity, final int[] alsoWaitFor)
            throws NativeException {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("capacity must be 1..1024: " + capacity);
        }
        return new UdpBatchReceiver(LibC.instance(), fd, capacity, Wakeup.open(), alsoWaitFor.clone());
    }

    /** Asks the kernel to merge runs from one peer (udp(7) {@code UDP_GRO}, Linux 5.0+). */
    public static void enableGro(final int fd) throws NativeException {
        ByteBuffer one = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, 1);
        if (LibC.instance().setsockopt(fd, MessageVector.SOL_UDP, UDP_GRO, one, 4) != 0) {
            throw NativeException.of("setsockopt(UDP_GRO)", LibC.errno(), null);
        }
    }

    /** After {@link #await}: whether the {@code k}-th fd it also waits for was readable (or in error) then. */
    public boolean alsoReady(final int k) {
        return readable.ready(1 + k);
    }

    /**
     * Blocks until the socket (or one of the fds it also waits for) is readable.
     *
     * @return false if {@link #close()} woke it instead
     */
    public boolean await() throws NativeException {
        receiveLock.lock();
        try {
            return !closed && readable.await();
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * One recvmmsg(2), not waiting.
     *
     * @return messages received, 0 if none was waiting
     */
    public int receive() throws NativeException {
        receiveLock.lock();
        try {
            return closed ? 0 : receiveNow();
        } finally {
            receiveLock.unlock();
        }
    }

    private int receiveNow() throws NativeException {
        for (int m = 0; m < capacity; m++) {
            int at = m * MessageVector.MMSGHDR_SIZE;
            mem.putLong(at, base + nameAt + (long) m * MessageVector.NAME_SIZE);
            mem.putInt(at + 8, MessageVector.NAME_SIZE); // msg_namelen, in and out
            mem.putInt(at + 12, 0);
            mem.putLong(at + 16, base + iovAt + (long) m * MessageVector.IOVEC_SIZE);
            mem.putLong(at + 24, 1);
            mem.putLong(at + 32, base + controlAt + (long) m * CONTROL_SIZE);
            mem.putLong(at + 40, CONTROL_SIZE);
            mem.putLong(at + 48, 0L); // msg_flags + padding
            mem.putLong(at + 56, 0L); // msg_len
        }
        int n = libc.recvmmsg(fd, base, capacity, MSG_DONTWAIT, 0);
        if (n < 0) {
            int err = LibC.errno();
            if (err == Errno.EAGAIN.number() || err == Errno.EINTR.number()) {
                return 0;
            }
            if (isTransient(err)) {
                errors++; // reading it cleared it; the next read goes on
                return 0;
            }
            throw NativeException.of("recvmmsg", err, null);
        }
        for (int m = 0; m < n; m++) {
            int at = m * MessageVector.MMSGHDR_SIZE;
            int len = mem.getInt(at + 56);
            // MSG_CTRUNC too: without its control message a GRO run could not be cut.
            if ((mem.getInt(at + 48) & (MSG_TRUNC | MSG_CTRUNC)) != 0 || len < 0 || len > MAX_MESSAGE) {
                truncated++;
                length[m] = -1;
                segment[m] = 0;
                continue;
            }
            length[m] = len;
            int gso = groSize(at, m);
            segment[m] = gso > 0 && gso < len ? gso : len;
        }
        messages += n;
        return n;
    }

    /**
     * A pending socket error that one read reports and clears (an ICMP error for an earlier send, memory pressure):
     * not a reason to stop receiving.
     */
    private static boolean isTransient(final int err) {
        return err == Errno.ECONNREFUSED.number() || err == Errno.EHOSTUNREACH.number()
                || err == Errno.ENETUNREACH.number() || err == Errno.ENOBUFS.number() || err == Errno.ENOMEM.number();
    }

    /** The {@code UDP_GRO} segment size in message {@code m}'s control messages, or 0. */
    private int groSize(final int at, final int m) {
        long controlLength = Math.min(mem.getLong(at + 40), CONTROL_SIZE);
        int c = controlAt + m * CONTROL_SIZE;
        int end = c + (int) controlLength;
        while (c + 16 <= end) {
            long cmsgLength = mem.getLong(c);
            if (cmsgLength < 16 || c + cmsgLength > end) {
                return 0;
            }
            if (mem.getInt(c + 8) == MessageVector.SOL_UDP && mem.getInt(c + 12) == UDP_GRO && cmsgLength >= 20) {
                return mem.getInt(c + 16);
            }
            c += (int) ((cmsgLength + 7) & ~7L);
        }
        return 0;
    }

    /** Message {@code m}'s buffer; the payload is {@code [0, length(m))}, read with absolute indexes. */
    public ByteBuffer data(final int m) {
        return data[m];
    }

    /** Message {@code m}'s payload length, or -1 if it was truncated (drop it). */
    public int length(final int m) {
        return length[m];
    }

    /** The size of the datagrams message {@code m} carries (the last may be shorter); its length without GRO. */
    public int segmentSize(final int m) {
        return segment[m];
    }

    /** The peer that sent message {@code m} (allocates: for IKE messages, not for each ESP packet). */
    public InetSocketAddress source(final int m) {
        int at = nameAt + m * MessageVector.NAME_SIZE;
        int port = ((mem.get(at + 2) & 0xff) << 8) | (mem.get(at + 3) & 0xff);
        try {
            if (mem.getShort(at) == LibC.AF_INET) {
                byte[] addr = new byte[4];
                mem.get(at + 4, addr);
                return new InetSocketAddress(InetAddress.getByAddress(addr), port);
            }
            byte[] addr = new byte[16];
            mem.get(at + 8, addr);
            InetAddress a = InetAddress.getByAddress(addr); // an IPv4-mapped address comes out as IPv4
            int scope = mem.getInt(at + 24); // sin6_scope_id: a link-local peer is only reachable through it
            if (a instanceof Inet6Address && scope != 0) {
                a = Inet6Address.getByAddress(null, addr, scope);
            }
            return new InetSocketAddress(a, port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }

    /** Messages received so far, and how many of them were truncated. */
    public long messages() {
        return messages;
    }

    public long truncated() {
        return truncated;
    }

    /** Socket errors reported by a read and passed over (see {@link #receive}). */
    public long errors() {
        return errors;
    }

    /** Wakes the receiving thread; its {@link #await} returns false from now on. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wakeup.wakeAndClose(receiveLock);
    }
}
