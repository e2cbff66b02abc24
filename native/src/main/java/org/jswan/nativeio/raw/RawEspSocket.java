package org.jswan.nativeio.raw;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.FdWaiter;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.posix.Wakeup;
import org.jswan.nativeio.tun.PacketBatch;
import org.jswan.nativeio.udp.UdpBatchSender;

/**
 * {@code socket(AF_INET or AF_INET6, SOCK_RAW, IPPROTO_ESP)}: sends ESP packets (the kernel adds the IP header) and
 * receives every ESP datagram addressed to this host. Raw IPv4 sockets deliver the datagram <em>with</em> its IPv4
 * header (raw(7); {@link #receiveEsp} steps over it); raw IPv6 sockets never deliver the IPv6 header (RFC 3542 §3,
 * ipv6(7)). Two uses: {@link #connect connected} to one peer (a static tunnel: the kernel delivers only that peer's
 * ESP, and {@link #send(PacketBatch)} needs no address), or unconnected, sending to many peers through a
 * {@link #batchSender} (the daemon; ESP is matched to its SA by SPI).
 *
 * <p>Same threading as {@code LinuxTunDevice}: one receiving and one sending thread, {@link #receive} blocks for the
 * first datagram then takes a batch in one recvmmsg(2), {@link #close} wakes both; nothing allocated per packet.
 */
public final class RawEspSocket implements AutoCloseable {
    /** IANA protocol number of ESP (RFC 4303 §2). */
    public static final int IPPROTO_ESP = 50;
    private static final int SOCKADDR_IN_SIZE = 16;
    /** asm-generic/socket.h: SOL_SOCKET, SO_RCVBUF, and SO_RCVBUFFORCE (over rmem_max, with CAP_NET_ADMIN). */
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int MMSGHDR_SIZE = 64;
    private static final int IOVEC_SIZE = 16;
    private static final int MSG_TRUNC = 0x20;
    /** struct sockaddr_in6: family, port, flowinfo, 16-byte address at 8, scope id at 24. */
    private static final int SOCKADDR_IN6_SIZE = 28;

    private final LibC libc;
    private final int fd;
    private final int family;
    private final Wakeup wakeup;
    private final FdWaiter readable;
    private final FdWaiter writable;
    private final ReentrantLock receiveLock = new ReentrantLock();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long sendDrops;
    private volatile long icmpErrors;
    private volatile long runts;
    private volatile long received;
    private UdpBatchSender batchSender;
    /** receive's recvmmsg vector, for the batch and headroom it was made for (receiving thread only). */
    private ByteBuffer receiveMessages;
    private long receiveAddress;
    private PacketBatch receiveBatch;
    private int receiveHeadroom;

    private RawEspSocket(final LibC libc, final int fd, final int family, final Wakeup wakeup) {
        this.libc = libc;
        this.fd = fd;
        this.family = family;
        this.wakeup = wakeup;
        this.readable = new FdWaiter(fd, LibC.POLLIN, wakeup);
        this.writable = new FdWaiter(fd, LibC.POLLOUT, wakeup);
    }

    /**
     * Opens the socket; with {@code bindAddress} non-null it only receives ESP sent to that address.
     *
     * @throws NativeException EPERM without CAP_NET_RAW (the message says so)
     */
    public static RawEspSocket open(final Inet4Address bindAddress) throws NativeException {
        return open(LibC.AF_INET, bindAddress);
    }

    /**
     * Opens an IPv6 socket; with {@code bindAddress} non-null it only receives ESP sent to that address.
     *
     * @throws NativeException EPERM without CAP_NET_RAW (the message says so)
     */
    public static RawEspSocket open(final Inet6Address bindAddress) throws NativeException {
        return open(LibC.AF_INET6, bindAddress);
    }

    private static RawEspSocket open(final int family, final InetAddress bindAddress) throws NativeException {
        LibC libc = LibC.instance();
        int fd = libc.socket(family, LibC.SOCK_RAW | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, IPPROTO_ESP);
        String name = family == LibC.AF_INET ? "AF_INET" : "AF_INET6";
        if (fd < 0) {
            int err = LibC.errno();
            throw NativeException.of("socket(" + name + ", SOCK_RAW, IPPROTO_ESP)", err, err == Errno.EPERM.number()
                    ? "raw sockets need the CAP_NET_RAW capability: run as root, 'setcap cap_net_raw+ep' on the java"
                    + " binary, or AmbientCapabilities=CAP_NET_RAW under systemd" : null);
        }
        boolean ok = false;
        try {
            if (bindAddress != null) {
                ByteBuffer sa = sockaddr(bindAddress);
                if (libc.bind(fd, sa, sa.capacity()) < 0) {
                    throw NativeException.of("bind(" + bindAddress.getHostAddress() + ")", LibC.errno(), null);
                }
            }
            RawEspSocket s = new RawEspSocket(libc, fd, family, Wakeup.open());
            ok = true;
            return s;
        } finally {
            if (!ok) {
                libc.close(fd);
            }
        }
    }

    private static ByteBuffer sockaddr(final InetAddress a) {
        if (a instanceof Inet4Address) {
            ByteBuffer sa = ByteBuffer.allocateDirect(SOCKADDR_IN_SIZE).order(ByteOrder.nativeOrder());
            sa.putShort(0, (short) LibC.AF_INET);
            sa.put(4, a.getAddress()); // sin_addr, network order
            return sa;
        }
        ByteBuffer sa = ByteBuffer.allocateDirect(SOCKADDR_IN6_SIZE).order(ByteOrder.nativeOrder());
        sa.putShort(0, (short) LibC.AF_INET6);
        sa.put(8, a.getAddress()); // sin6_addr, network order; sin6_port 0, no flow label
        sa.putInt(24, ((Inet6Address) a).getScopeId());
        return sa;
    }

    /**
     * Best effort: room for {@code bytes} of datagrams waiting to be read (without GRO every datagram queues on its
     * own while the reader decrypts). Beyond net.core.rmem_max only with CAP_NET_ADMIN.
     *
     * @return whether the kernel took it
     */
    public boolean receiveBuffer(final int bytes) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putInt(0, bytes);
        return libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, v, 4) == 0
                || libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v, 4) == 0;
    }

    /** True for an IPv4 socket, whose received datagrams start with their IPv4 header. */
    public boolean ipv4() {
        return family == LibC.AF_INET;
    }

    /**
     * Control path: makes {@code peer} the default destination and the only source whose ESP this socket receives.
     *
     * @throws IllegalArgumentException if {@code peer} is of the other address family
     */
    public void connect(final InetAddress peer) throws NativeException {
        if ((peer instanceof Inet4Address) != ipv4()) {
            throw new IllegalArgumentException(peer.getHostAddress() + " is not of the socket's address family");
        }
        ByteBuffer sa = sockaddr(peer);
        if (libc.connect(fd, sa, sa.capacity()) < 0) {
            throw NativeException.of("connect(raw ESP, " + peer.getHostAddress() + ")", LibC.errno(), null);
        }
    }

    /** IHL of the IPv4 header at {@code off}, in bytes. */
    public static int ipv4HeaderLength(final ByteBuffer b, final int off) {
        return (b.get(off) & 0x0f) * 4;
    }

    /**
     * Blocks until a datagram arrives, then takes what is waiting, up to {@code batch.capacity()}, in one
     * recvmmsg(2) straight into the slots. Datagram {@code i} (IPv4 header included on an IPv4 socket; ESP only on an
     * IPv6 one) lands at {@code headroom} in slot {@code i}. One too short to be ESP or cut off by the slot is left
     * out and counted ({@link #runts}).
     *
     * @return the number received; -1 once closed
     */
    public int receive(final PacketBatch batch, final int headroom) throws IOException {
        receiveLock.lock(); // held while waiting too: close() frees the fd only once this returns
        try {
            while (true) {
                int n = receiveNow(batch, headroom);
                if (n != 0 || !readable.await()) {
                    return n != 0 ? n : -1;
                }
            }
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * {@link #receive} without waiting, for a thread that waits for several sockets itself ({@link #pollFd}).
     *
     * @return the number received, 0 if none was waiting, -1 once closed
     */
    public int receiveNow(final PacketBatch batch, final int headroom) throws IOException {
        if (headroom < 0 || headroom >= batch.slotSize()) {
            throw new IllegalArgumentException("headroom " + headroom + " outside the slot");
        }
        receiveLock.lock();
        try {
            long vector = receiveVector(batch, headroom);
            int min = family == LibC.AF_INET ? 20 : 8; // an IPv4 header, or SPI and sequence number
            while (!closed.get()) {
                int r = libc.recvmmsg(fd, vector, batch.capacity(), 0, 0);
                if (r > 0) {
                    int n = 0;
                    for (int m = 0; m < r; m++) {
                        int at = m * MMSGHDR_SIZE;
                        int len = receiveMessages.getInt(at + 56);
                        if ((receiveMessages.getInt(at + 48) & MSG_TRUNC) != 0 || len < min) {
                            runts++;
                            continue;
                        }
                        if (n != m) { // close the gap a runt left: its slot takes this datagram
                            ByteBuffer from = batch.slot(m);
                            batch.slot(n).put(headroom, from, headroom, len);
                        }
                        batch.set(n++, headroom, len);
                    }
                    received += n;
                    if (n > 0) {
                        batch.count(n);
                        return n;
                    }
                    continue;
                }
                int err = r < 0 ? LibC.errno() : Errno.EAGAIN.number();
                if (err == Errno.EINTR.number()) {
                    continue;
                }
                if (err == Errno.EAGAIN.number()) {
                    batch.count(0);
                    return 0;
                }
                if (err != Errno.EBADF.number() && err != Errno.EFAULT.number() && err != Errno.EINVAL.number()) {
                    // An ICMP error for an earlier send, reported on a connected socket (raw(7): e.g. the peer's
                    // "protocol unreachable" as ENOPROTOOPT, EPROTO, ECONNREFUSED, EHOSTUNREACH): not this read's.
                    icmpErrors++;
                    continue;
                }
                throw NativeException.of("recvmmsg(raw ESP)", err, null);
            }
            batch.count(0);
            return -1;
        } finally {
            receiveLock.unlock();
        }
    }

    /**
     * The socket's fd, only to wait for it to be readable (poll) on a thread that reads several sockets with
     * {@link #receiveNow}; it is closed with this socket, so stop waiting on it first.
     */
    public int pollFd() {
        return fd;
    }

    /** Datagrams received so far (a gauge from other threads). */
    public long received() {
        return received;
    }

    /**
     * {@link #receive}, then each datagram's packet starts at its ESP header: on an IPv4 socket the offset moves past
     * the IPv4 header (which stays in the slot in front, as headroom); one whose header length is impossible becomes
     * an empty packet, which a decapsulator counts as malformed, and is counted in {@link #runts}.
     *
     * @return the number received; -1 once closed
     */
    public int receiveEsp(final PacketBatch batch, final int headroom) throws IOException {
        return stepOverIpv4Headers(batch, receive(batch, headroom));
    }

    /** {@link #receiveEsp} without waiting: 0 if nothing was waiting. */
    public int receiveEspNow(final PacketBatch batch, final int headroom) throws IOException {
        return stepOverIpv4Headers(batch, receiveNow(batch, headroom));
    }

    private int stepOverIpv4Headers(final PacketBatch batch, final int n) {
        if (family == LibC.AF_INET) {
            for (int i = 0; i < n; i++) {
                int off = batch.offset(i);
                int len = batch.length(i);
                int ihl = ipv4HeaderLength(batch.slot(i), off);
                if (ihl < 20 || ihl >= len) {
                    batch.set(i, off, 0);
                    runts++;
                } else {
                    batch.set(i, off + ihl, len - ihl);
                }
            }
        }
        return n;
    }

    /**
     * The {@code struct mmsghdr} array (no names, no control) and one iovec per slot of {@code batch} at
     * {@code headroom}, made again only when the batch or the headroom changes. Layouts as in UdpBatchSender's.
     */
    private long receiveVector(final PacketBatch batch, final int headroom) {
        if (batch == receiveBatch && headroom == receiveHeadroom) {
            return receiveAddress;
        }
        int n = batch.capacity();
        int iovAt = n * MMSGHDR_SIZE;
        ByteBuffer mem = ByteBuffer.allocateDirect(iovAt + n * IOVEC_SIZE).order(ByteOrder.nativeOrder());
        long base = LibC.address(mem);
        for (int m = 0; m < n; m++) {
            int at = m * MMSGHDR_SIZE;
            mem.putLong(at + 16, base + iovAt + (long) m * IOVEC_SIZE); // msg_iov
            mem.putLong(at + 24, 1); // msg_iovlen; name and control stay NULL / 0
            mem.putLong(iovAt + m * IOVEC_SIZE, LibC.address(batch.slot(m)) + headroom);
            mem.putLong(iovAt + m * IOVEC_SIZE + 8, batch.slotSize() - headroom);
        }
        receiveMessages = mem;
        receiveAddress = base;
        receiveBatch = batch;
        receiveHeadroom = headroom;
        return base;
    }

    /** Datagrams left out of a {@link #receive}: shorter than an IPv4 header or an ESP header, or cut off. */
    public long runts() {
        return runts;
    }

    /**
     * Sends the first {@code batch.count()} ESP packets (no IP header) to the {@link #connect connected} peer.
     *
     * @return the number sent; refused ones are counted in {@link #sendDrops}
     */
    public int send(final PacketBatch batch) throws IOException {
        sendLock.lock();
        try {
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            int sent = 0;
            for (int i = 0; i < batch.count(); i++) {
                ByteBuffer slot = batch.slot(i);
                slot.limit(slot.capacity()).position(batch.offset(i));
                if (sendOne(slot, batch.length(i), null, 0)) {
                    sent++;
                } else {
                    sendDrops++;
                }
            }
            return sent;
        } finally {
            sendLock.unlock();
        }
    }

    private boolean sendOne(final ByteBuffer slot, final int len, final ByteBuffer to, final int toLength)
            throws IOException {
        while (true) {
            if (libc.sendto(fd, slot, len, 0, to, toLength) >= 0) {
                return true;
            }
            int err = LibC.errno();
            if (err == Errno.EINTR.number()) {
                continue;
            }
            if (err == Errno.EAGAIN.number()) {
                if (!writable.await()) {
                    throw new ClosedChannelException();
                }
                continue;
            }
            if (err == Errno.EBADF.number() || err == Errno.EFAULT.number() || err == Errno.ENOTTY.number()) {
                throw NativeException.of("sendto(raw ESP)", err, null);
            }
            return false;
        }
    }

    /**
     * A sendmmsg(2) sender on this socket, for a thread that sends batches to many peers of the socket's family
     * (unconnected socket; names with port 0, which raw IPv6 sockets require). Made once; closed with the socket.
     */
    public synchronized UdpBatchSender batchSender(final int capacity) throws NativeException {
        if (closed.get()) {
            throw new IllegalStateException("raw ESP socket closed");
        }
        if (batchSender == null) {
            batchSender = UdpBatchSender.open(fd, capacity, false);
        }
        return batchSender;
    }

    public long sendDrops() {
        return sendDrops;
    }

    /** Asynchronous errors (ICMP about earlier sends) that receive skipped. */
    public long icmpErrors() {
        return icmpErrors;
    }

    /** Wakes blocked callers, waits for them to return, closes the socket. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeup.wake();
        synchronized (this) {
            if (batchSender != null) {
                batchSender.close(); // wakes a sender waiting for room; the fd must outlive it
            }
        }
        receiveLock.lock();
        sendLock.lock();
        try {
            libc.close(fd);
            wakeup.close();
        } finally {
            sendLock.unlock();
            receiveLock.unlock();
        }
    }
}
