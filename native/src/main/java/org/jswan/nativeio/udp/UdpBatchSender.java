package org.jswan.nativeio.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.locks.ReentrantLock;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.FdWaiter;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.posix.Wakeup;
import org.jswan.nativeio.tun.PacketBatch;

/**
 * Sends a {@link PacketBatch} of datagrams on a UDP socket it does not own, from the calling thread, in one
 * sendmmsg(2) per batch. With GSO on, consecutive datagrams to the same peer with the same size (the last of a run
 * may be shorter) become one message with a {@code UDP_SEGMENT} control message: the kernel builds one super-packet
 * and segments it late (or not at all, if the receiver does UDP GRO). This replaces one copy, one pooled buffer, one
 * {@code DatagramPacket} and one event-loop hand-off per packet (wireguard-go {@code conn/bind_std.go} does the
 * same in Go). With GSO off it sends on any datagram socket: raw ESP sockets use it too (their names carry port 0).
 *
 * <p>Errors: EAGAIN waits for POLLOUT (backpressure, no drops); an error of one message (EMSGSIZE, unreachable, ...)
 * drops that message's datagrams and goes on; a GSO message the kernel refuses is resent as single datagrams, and
 * EIO (no checksum offload on the route, wireguard-go's {@code errShouldDisableUDPGSO}) turns GSO off for good. EBADF
 * and the like throw.
 *
 * <p>Threads: one sending thread; {@link #close()} from any thread wakes a sender waiting for room. The fd stays the
 * owner's: close this sender (and stop its thread) before the owner closes the socket.
 */
public final class UdpBatchSender implements AutoCloseable {
    /** Kernel limit on segments in one GSO send ({@code UDP_MAX_SEGMENTS}, 64 before Linux 6.4). */
    public static final int MAX_SEGMENTS = 64;
    /** A GSO super-packet must fit one IP datagram: 65535 - IPv6 header - UDP header. */
    static final int MAX_GSO_BYTES = 0xFFFF - 40 - 8;

    private final LibC libc;
    private final int fd;
    private final MessageVector vector;
    private final Wakeup wakeup;
    private final FdWaiter writable;
    /** Index of the first packet of each message, and how many packets it carries. */
    private final int[] firstPacket;
    private final int[] packets;
    private final ReentrantLock sendLock = new ReentrantLock();
    private volatile boolean gso;
    private volatile boolean closed;
    private int sentNow;
    private PacketBatch addressed;
    private long[] slotAddress;
    private long datagrams;
    private long messages;
    private long gsoMessages;
    private long drops;

    private UdpBatchSender(final LibC libc, final int fd, final int capacity, final boolean gso, final Wakeup wakeup,
            final boolean v6Socket) {
        this.libc = libc;
        this.fd = fd;
        this.vector = new MessageVector(capacity, v6Socket);
        this.firstPacket = new int[capacity];
        this.packets = new int[capacity];
        this.gso = gso;
        this.wakeup = wakeup;
        this.writable = new FdWaiter(fd, LibC.POLLOUT, wakeup);
    }

    /**
     * @param fd       a nonblocking UDP socket, bound; stays open and owned by the caller
     * @param capacity the most datagrams one {@link #send} gets
     * @param gso      try UDP GSO for runs of equal-sized datagrams to one peer
     */
    public static UdpBatchSender open(final int fd, final int capacity, final boolean gso) throws NativeException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        LibC libc = LibC.instance();
        ByteBuffer name = ByteBuffer.allocateDirect(MessageVector.NAME_SIZE).order(ByteOrder.nativeOrder());
        ByteBuffer nameLength = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        nameLength.putInt(0, MessageVector.NAME_SIZE);
        if (libc.getsockname(fd, name, nameLength) < 0) {
            throw NativeException.of("getsockname", LibC.errno(), "not a socket?");
        }
        int family = name.getShort(0);
        if (family != LibC.AF_INET && family != LibC.AF_INET6) {
            throw new NativeException("getsockname", Errno.EAFNOSUPPORT.number(), "not an IP socket: family " + family);
        }
        // A dual-stack socket (Netty binds the wildcard as [::]) takes IPv4 peers only as ::ffff:a.b.c.d.
        return new UdpBatchSender(libc, fd, capacity, gso, Wakeup.open(), family == LibC.AF_INET6);
    }

    /**
     * Sends datagram {@code i} = {@code batch.slot(i)[offset(i), offset(i) + length(i))} to {@code to[i]}, for the
     * first {@code batch.count()} slots; a null {@code to[i]} skips the datagram (it leaves by another socket).
     *
     * @return datagrams handed to the kernel (the rest were dropped and counted)
     * @throws ClosedChannelException once closed
     * @throws NativeException        when the socket itself fails (EBADF, ENOTSOCK, ...)
     */
    public int send(final PacketBatch batch, final InetSocketAddress[] to) throws IOException {
        int n = Math.min(batch.count(), vector.capacity());
        sendLock.lock();
        try {
            if (closed) {
                throw new ClosedChannelException();
            }
            long[] addr = slotAddresses(batch);
            int before = sentNow;
            int from = 0;
            while (from < n) {
                int m = build(batch, addr, to, from, n, gso);
                int refused = transmit(m);
                if (refused == m) {
                    break;
                }
                // The kernel refused a GSO message: resend its run one datagram at a time, then go on.
                int runEnd = firstPacket[refused] + packets[refused];
                transmit(build(batch, addr, to, firstPacket[refused], runEnd, false));
                from = runEnd;
            }
            int sent = sentNow - before;
            datagrams += sent;
            return sent;
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends messages {@code 0 .. m - 1} as laid out by {@link #build}, waiting for room on EAGAIN and dropping
     * messages with a per-datagram error.
     *
     * @return {@code m}, or the index of a GSO message the kernel refused (sending stopped there)
     */
    private int transmit(final int m) throws IOException {
        int done = 0;
        while (done < m) {
            int r = libc.sendmmsg(fd, vector.messageAddress(done), m - done, 0);
            if (r > 0) {
                for (int k = done; k < done + r; k++) {
                    sentNow += packets[k];
                }
                done += r;
                continue;
            }
            int err = r < 0 ? LibC.errno() : Errno.EAGAIN.number();
            if (err == Errno.EINTR.number()) {
                continue;
            }
            if (err == Errno.EAGAIN.number()) {
                if (!writable.await()) {
                    throw new ClosedChannelException();
                }
                continue;
            }
            if (packets[done] > 1) {
                if (err == Errno.EIO.number()) {
                    gso = false; // no checksum offload on this route: GSO cannot work here
                }
                return done;
            }
            if (!isDatagramError(err)) {
                throw NativeException.of("sendmmsg", err, null);
            }
            drops++;
            done++;
        }
        return m;
    }

    /**
     * Lays out packets {@code from .. end - 1} as messages; with {@code useGso}, runs of equal-sized datagrams to one
     * peer share a message.
     *
     * @return the number of messages; {@code firstPacket} and {@code packets} say which packets each one carries
     */
    private int build(final PacketBatch batch, final long[] addr, final InetSocketAddress[] to, final int from,
            final int end, final boolean useGso) {
        int m = 0;
        int p = from;
        while (p < end) {
            InetSocketAddress dest = to[p];
            if (dest == null) {
                p++; // not this socket's: a null also ends a run below
                continue;
            }
            int size = batch.length(p);
            int segments = 1;
            int total = size;
            if (useGso) {
                while (p + segments < end && segments < MAX_SEGMENTS) {
                    int next = batch.length(p + segments);
                    InetSocketAddress d = to[p + segments];
                    if (next > size || next == 0 || total + next > MAX_GSO_BYTES || d != dest && !dest.equals(d)) {
                        break;
                    }
                    total += next;
                    segments++;
                    if (next < size) {
                        break; // only the last segment may be shorter
                    }
                }
            }
            for (int k = 0; k < segments; k++) {
                int i = p + k;
                vector.iovec(i, addr[i] + batch.offset(i), batch.length(i));
            }
            firstPacket[m] = p;
            packets[m] = segments;
            vector.message(m, dest, p, segments, segments > 1 ? size : 0);
            if (segments > 1) {
                gsoMessages++;
            }
            m++;
            p += segments;
        }
        messages += m;
        return m;
    }

    private long[] slotAddresses(final PacketBatch batch) {
        if (batch != addressed) {
            long[] a = new long[batch.capacity()];
            for (int i = 0; i < a.length; i++) {
                a[i] = LibC.address(batch.slot(i));
            }
            slotAddress = a;
            addressed = batch;
        }
        return slotAddress;
    }

    /** Errors that concern one datagram or its destination, not the socket. */
    static boolean isDatagramError(final int errno) {
        return errno == Errno.EMSGSIZE.number() || errno == Errno.EINVAL.number()
                || errno == Errno.ENETUNREACH.number() || errno == Errno.EHOSTUNREACH.number()
                || errno == Errno.ENETDOWN.number() || errno == Errno.EPERM.number()
                || errno == Errno.EACCES.number() || errno == Errno.ENOBUFS.number()
                || errno == Errno.ENOMEM.number() || errno == Errno.ECONNREFUSED.number()
                || errno == Errno.EADDRNOTAVAIL.number() || errno == Errno.EAFNOSUPPORT.number()
                || errno == Errno.EIO.number();
    }

    /** Whether runs are still sent as GSO messages (false after the kernel answered EIO). */
    public boolean gso() {
        return gso;
    }

    /** Datagrams handed to the kernel so far (read on the sending thread, or as a racy gauge). */
    public long datagramsSent() {
        return datagrams;
    }

    /** sendmmsg entries built so far; datagrams / messages is the GSO gain. */
    public long messagesBuilt() {
        return messages;
    }

    public long gsoMessagesBuilt() {
        return gsoMessages;
    }

    /** Messages dropped for a per-datagram error. */
    public long drops() {
        return drops;
    }

    /**
     * Wakes a sender waiting for room (its send throws {@link ClosedChannelException}), waits for it to leave and
     * releases this sender's own resources. Does not close the socket. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wakeup.wakeAndClose(sendLock);
    }
}
