package org.jswan.nativeio.tun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jswan.nativeio.posix.Errno;
import org.jswan.nativeio.posix.FdWaiter;
import org.jswan.nativeio.posix.LibC;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.posix.Wakeup;

/**
 * A Linux TUN device ({@code /dev/net/tun}, {@code IFF_TUN | IFF_NO_PI}): whole IP packets, no packet-info prefix.
 *
 * <p>The fd is nonblocking. {@link #read} polls for the first packet, then drains with plain reads until the batch is
 * full or the fd reports EAGAIN. Reads and writes go straight between the kernel and the batch's direct buffers
 * (jnr-ffi passes {@code address + position}); after warm-up nothing is allocated per packet. {@link #close} wakes a
 * blocked reader or writer through an eventfd that sits in every poll set, waits for them to leave, then closes the
 * fds; the kernel removes a non-persistent TUN interface when its last fd closes.
 *
 * <p>Threads: one reader and one writer may work at the same time (the tx and rx agents; several ESP readers take
 * turns as the writer). {@link Thread#interrupt}
 * does not wake a blocked read (the native call is not interruptible); {@link #close} does. Multi-queue: open the same
 * name again with {@link TunOptions#multiQueue()} for one device (fd) per reader thread.
 *
 * <p>Per-packet failures (a truncated read, a write the kernel refuses as malformed, EIO while the link is down) are
 * dropped and counted, never thrown. Anything else (EBADF, ...) is fatal for the device and throws
 * {@link NativeException}.
 */
public final class LinuxTunDevice implements TunDevice {
    public static final String CLONE_DEVICE = "/dev/net/tun";

    /** {@code _IOW('T', 202, int)} from linux/if_tun.h. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_MULTI_QUEUE = 0x0100;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_VNET_HDR = 0x4000;
    /** {@code _IOW('T', 208, unsigned int)}: which offloads the kernel may hand this device. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;
    /** {@code sizeof(struct ifreq)} on 64-bit Linux: 16-byte name + 24-byte union. */
    static final int IFREQ_SIZE = 40;
    private static final int IFREQ_FLAGS_OFFSET = 16;
    /** {@code struct iovec}: base pointer and length. */
    private static final int IOVEC_SIZE = 16;

    private final LibC libc;
    private final TunOptions options;
    private final String name;
    private final int fd;
    private final Wakeup wakeup;
    private final int vnetLength;
    private final FdWaiter readable;
    private final FdWaiter writable;
    /**
     * With a virtio header: merges TCP segments of a written batch (GRO). A merged packet is written with writev(2):
     * its headers from {@link #merged}, then each segment's payload from its slot ({@link #gather} holds the iovecs).
     */
    private final TcpCoalescer coalescer;
    private final ByteBuffer merged;
    private final ByteBuffer gather;
    private final long gatherAddress;
    private final long mergedAddress;
    /**
     * Slot addresses of the batches written so far, for the iovecs: a few writers (the ESP readers), each with its
     * own batch, take turns under {@link #writeLock}.
     */
    private final PacketBatch[] addressed = new PacketBatch[4];
    private final long[][] slotAddress = new long[4][];
    /** TSO on: reads go through {@link #staged} and super-packets are cut into segments ({@link TcpSegmenter}). */
    private volatile boolean tso;
    private ByteBuffer staged;
    private OnesComplementSummer stagedSum;
    private int pendingSegments;
    private int pendingNext;
    private int pendingLength;
    private int pendingHeader;
    private int pendingGso;
    private long splitReads;
    private long splitSegments;
    private long mergedWrites;
    private long mergedSegments;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long readDrops;
    private volatile long writeDrops;

    private LinuxTunDevice(final LibC libc, final TunOptions options, final String name, final int fd,
            final Wakeup wakeup) {
        this.libc = libc;
        this.options = options;
        this.name = name;
        this.fd = fd;
        this.wakeup = wakeup;
        this.vnetLength = options.vnetHeader() ? VirtioNetHeader.LENGTH : 0;
        this.readable = new FdWaiter(fd, LibC.POLLIN, wakeup);
        this.writable = new FdWaiter(fd, LibC.POLLOUT, wakeup);
        this.coalescer = options.vnetHeader() ? new TcpCoalescer(options.batchSize()) : null;
        // Room for the virtio header and the largest headers a merged packet can have: IPv6 (40), TCP with options (60).
        this.merged = options.vnetHeader() ? ByteBuffer.allocateDirect(VirtioNetHeader.LENGTH + 120) : null;
        this.gather = options.vnetHeader() ? ByteBuffer.allocateDirect((1 + TcpCoalescer.MAX_SEGMENTS) * IOVEC_SIZE)
                .order(ByteOrder.nativeOrder()) : null;
        this.gatherAddress = gather == null ? 0 : LibC.address(gather);
        this.mergedAddress = merged == null ? 0 : LibC.address(merged);
    }

    /**
     * Creates (or, for multi-queue, attaches to) the TUN interface {@code options.name()}. The interface starts down
     * and without addresses.
     *
     * @throws NativeException with an explanation of the fix, e.g. for a missing CAP_NET_ADMIN (EPERM)
     */
    public static LinuxTunDevice open(final TunOptions options) throws NativeException {
        LibC libc = LibC.instance();
        int fd = libc.open(CLONE_DEVICE, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw TunOpenFailure.exception("open(" + CLONE_DEVICE + ")", LibC.errno(), options.name());
        }
        Wakeup wakeup = null;
        boolean ok = false;
        try {
            ByteBuffer ifr = ByteBuffer.allocateDirect(IFREQ_SIZE).order(ByteOrder.nativeOrder());
            ifr.put(0, options.name().getBytes(StandardCharsets.US_ASCII));
            ifr.putShort(IFREQ_FLAGS_OFFSET, flags(options));
            if (libc.ioctl(fd, TUNSETIFF, ifr) < 0) {
                throw TunOpenFailure.exception("ioctl(TUNSETIFF)", LibC.errno(), options.name());
            }
            wakeup = Wakeup.open();
            LinuxTunDevice dev = new LinuxTunDevice(libc, options, interfaceName(ifr), fd, wakeup);
            ok = true;
            return dev;
        } finally {
            if (!ok) {
                libc.close(fd);
                if (wakeup != null) {
                    wakeup.close();
                }
            }
        }
    }

    /** The {@code ifr_flags} for the options. */
    static short flags(final TunOptions options) {
        int f = IFF_TUN | IFF_NO_PI;
        if (options.multiQueue()) {
            f |= IFF_MULTI_QUEUE;
        }
        if (options.vnetHeader()) {
            f |= IFF_VNET_HDR;
        }
        return (short) f;
    }

    /** The name the kernel chose (it expands {@code %d}), NUL-terminated in {@code ifr_name}. */
    private static String interfaceName(final ByteBuffer ifr) {
        byte[] raw = new byte[TunOptions.IFNAMSIZ];
        ifr.get(0, raw);
        int len = 0;
        while (len < raw.length && raw[len] != 0) {
            len++;
        }
        return new String(raw, 0, len, StandardCharsets.US_ASCII);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return options.mtu();
    }

    @Override
    public int batchSize() {
        return options.batchSize();
    }

    public TunOptions options() {
        return options;
    }

    /**
     * Lets the kernel hand this device TCP super-packets and packets with a partial checksum (TUNSETOFFLOAD with
     * CSUM, TSO4, TSO6); {@link #read} cuts them into MTU-sized segments with complete checksums, so callers still see
     * plain packets. One read(2) then brings up to 64 KB, and the kernel skips segmenting in front of the device.
     * Needs the virtio header; call before the first read.
     */
    public void enableTso() throws NativeException {
        if (vnetLength == 0) {
            throw new IllegalStateException("TSO needs the virtio header (TunOptions.withVnetHeader)");
        }
        readLock.lock();
        try {
            if (libc.ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6) < 0) {
                throw NativeException.of("ioctl(TUNSETOFFLOAD)", LibC.errno(), name);
            }
            staged = ByteBuffer.allocateDirect(VirtioNetHeader.LENGTH + 0xFFFF + 64);
            stagedSum = new OnesComplementSummer(staged);
            tso = true;
        } finally {
            readLock.unlock();
        }
    }

    /** Super-packets read so far, and the segments cut from them. */
    public long splitReads() {
        return splitReads;
    }

    public long splitSegments() {
        return splitSegments;
    }

    /** Packets read but dropped: truncated (larger than the slot) or carrying an offload we did not ask for. */
    public long readDrops() {
        return readDrops;
    }

    /** Packets the kernel refused (malformed, link down, no buffers) or that lacked room for the virtio header. */
    public long writeDrops() {
        return writeDrops;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a virtio header the header is read into {@code [headroom - 10, headroom)}, so {@code headroom} must be
     * at least {@link VirtioNetHeader#LENGTH}.
     */
    @Override
    public int read(final PacketBatch batch, final int headroom) throws IOException {
        if (headroom < vnetLength || headroom >= batch.slotSize()) {
            throw new IllegalArgumentException("headroom " + headroom + " outside " + vnetLength + ".."
                    + (batch.slotSize() - 1));
        }
        int max = Math.min(batch.capacity(), options.batchSize());
        if (tso) {
            return readOffloaded(batch, headroom, max);
        }
        int at = headroom - vnetLength;
        int room = batch.slotSize() - at;
        readLock.lock();
        try {
            int n = 0;
            while (n < max && !closed.get()) {
                ByteBuffer slot = batch.slot(n);
                slot.limit(slot.capacity()).position(at);
                long r = readInto(slot, room);
                if (r >= 0) {
                    int length = (int) r - vnetLength;
                    // tun_put_user reports the full packet length even when it copied less.
                    if (length <= 0 || r > room || vnetLength != 0 && !plainPacket(slot, at)) {
                        readDrops++;
                    } else {
                        batch.set(n++, headroom, length);
                    }
                    continue;
                }
                int err = (int) -r;
                if (err == Errno.EINTR.number()) {
                    continue;
                }
                if (err == Errno.EAGAIN.number()) {
                    if (n > 0 || !readable.await()) {
                        break;
                    }
                    continue;
                }
                if (n > 0) {
                    break; // deliver what we have; the error comes back on the next read
                }
                throw NativeException.of("read(" + name + ")", err, null);
            }
            batch.count(n);
            return n == 0 && closed.get() ? -1 : n;
        } finally {
            readLock.unlock();
        }
    }

    /** The TSO read path: every read lands in {@link #staged}, then is copied or cut into the batch's slots. */
    private int readOffloaded(final PacketBatch batch, final int headroom, final int max) throws IOException {
        int room = batch.slotSize() - headroom;
        readLock.lock();
        try {
            int n = drainPending(batch, headroom, 0, max);
            while (n < max && pendingSegments == 0 && !closed.get()) {
                staged.limit(staged.capacity()).position(0);
                long r = readInto(staged, staged.capacity());
                if (r >= 0) {
                    n = unpack(batch, headroom, room, n, max, (int) r - vnetLength);
                    continue;
                }
                int err = (int) -r;
                if (err == Errno.EINTR.number()) {
                    continue;
                }
                if (err == Errno.EAGAIN.number()) {
                    if (n > 0 || !readable.await()) {
                        break;
                    }
                    continue;
                }
                if (n > 0) {
                    break;
                }
                throw NativeException.of("read(" + name + ")", err, null);
            }
            batch.count(n);
            return n == 0 && closed.get() ? -1 : n;
        } finally {
            readLock.unlock();
        }
    }

    /** Puts the packet just read into {@link #staged} into the batch (cut into segments if it is a super-packet). */
    private int unpack(final PacketBatch batch, final int headroom, final int room, final int n, final int max,
            final int len) {
        int p = VirtioNetHeader.LENGTH;
        int gsoType = VirtioNetHeader.gsoType(staged, 0);
        if (len <= 0 || len > 0xFFFF) {
            readDrops++;
            return n;
        }
        if (gsoType == VirtioNetHeader.GSO_NONE) {
            if ((VirtioNetHeader.flags(staged, 0) & VirtioNetHeader.FLAG_NEEDS_CSUM) != 0
                    && !TcpSegmenter.completeChecksum(staged, stagedSum, p, len, VirtioNetHeader.csumStart(staged, 0),
                            VirtioNetHeader.csumOffset(staged, 0))) {
                readDrops++;
                return n;
            }
            if (len > room) {
                readDrops++;
                return n;
            }
            batch.slot(n).put(headroom, staged, p, len);
            batch.set(n, headroom, len);
            return n + 1;
        }
        int hdr = TcpSegmenter.headerLength(staged, p, len);
        int gso = VirtioNetHeader.gsoSize(staged, 0);
        if ((gsoType != VirtioNetHeader.GSO_TCPV4 && gsoType != VirtioNetHeader.GSO_TCPV6) || hdr < 0 || gso == 0
                || hdr + gso > room) {
            readDrops++;
            return n;
        }
        pendingLength = len;
        pendingHeader = hdr;
        pendingGso = gso;
        pendingNext = 0;
        pendingSegments = TcpSegmenter.segments(len, hdr, gso);
        splitReads++;
        splitSegments += pendingSegments;
        return drainPending(batch, headroom, n, max);
    }

    /** Cuts the next segments of the staged super-packet into slots {@code n ..} while there is room. */
    private int drainPending(final PacketBatch batch, final int headroom, final int n, final int max) {
        int i = n;
        while (pendingNext < pendingSegments && i < max) {
            int len = TcpSegmenter.segment(staged, stagedSum, VirtioNetHeader.LENGTH, pendingLength, pendingHeader,
                    pendingGso, pendingNext++, batch.slot(i), headroom);
            batch.set(i++, headroom, len);
        }
        if (pendingNext >= pendingSegments) {
            pendingSegments = 0;
        }
        return i;
    }

    /** One read(2) into {@code slot} at its position: the byte count, or {@code -errno}. */
    private long readInto(final ByteBuffer slot, final int room) {
        long r = libc.read(fd, slot, room);
        return r >= 0 ? r : -LibC.errno();
    }

    /** One write(2) from {@code slot} at its position: the byte count, or {@code -errno}. */
    private long writeFrom(final ByteBuffer slot, final int len) {
        long r = libc.write(fd, slot, len);
        return r >= 0 ? r : -LibC.errno();
    }

    /** One writev(2) of the first {@code iovecs} entries of {@link #gather}: the byte count, or {@code -errno}. */
    private long writeGathered(final int iovecs) {
        long r = libc.writev(fd, gatherAddress, iovecs);
        return r >= 0 ? r : -LibC.errno();
    }

    /** Without TUNSETOFFLOAD the kernel sends no GSO packets; if one shows up anyway we cannot split it (yet). */
    private static boolean plainPacket(final ByteBuffer slot, final int at) {
        return VirtioNetHeader.gsoType(slot, at) == VirtioNetHeader.GSO_NONE;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With a virtio header, a zero header is written into the 10 bytes in front of each packet, so every offset
     * must be at least {@link VirtioNetHeader#LENGTH}.
     *
     * @throws ClosedChannelException after {@link #close}
     */
    @Override
    public int write(final PacketBatch batch) throws IOException {
        writeLock.lock();
        try {
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            if (coalescer != null && batch.count() > 1) {
                return writeCoalesced(batch);
            }
            int written = 0;
            for (int i = 0; i < batch.count(); i++) {
                int off = batch.offset(i) - vnetLength;
                int len = batch.length(i) + vnetLength;
                ByteBuffer slot = batch.slot(i);
                if (off < 0) {
                    writeDrops++;
                    continue;
                }
                if (vnetLength != 0) {
                    VirtioNetHeader.putNone(slot, off);
                }
                slot.limit(slot.capacity()).position(off);
                if (writeOne(slot, len, 0)) {
                    written++;
                } else {
                    writeDrops++;
                }
            }
            return written;
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes each item of the coalescer's plan: a lone packet as it is, merged TCP segments as one GSO packet. */
    private int writeCoalesced(final PacketBatch batch) throws IOException {
        int items = coalescer.plan(batch);
        int written = 0;
        for (int k = 0; k < items; k++) {
            int segments = coalescer.segments(k);
            boolean ok;
            if (segments == 1) {
                int i = coalescer.head(k);
                int off = batch.offset(i) - vnetLength;
                if (off < 0) {
                    writeDrops++;
                    continue;
                }
                ByteBuffer buf = batch.slot(i);
                VirtioNetHeader.putNone(buf, off);
                buf.limit(buf.capacity()).position(off);
                ok = writeOne(buf, batch.length(i) + vnetLength, 0);
            } else {
                ok = writeOne(null, 0, gatherMerged(batch, k));
                mergedWrites++;
                mergedSegments += segments;
            }
            if (ok) {
                written += segments;
            } else {
                writeDrops += segments;
            }
        }
        return written;
    }

    /** Lays out item {@code k}'s iovecs: the merged headers, then every payload in place. Returns their count. */
    private int gatherMerged(final PacketBatch batch, final int k) {
        int headers = coalescer.buildHeader(batch, k, merged, 0);
        long[] addr = slotAddresses(batch);
        gather.putLong(0, mergedAddress).putLong(8, headers);
        int v = 1;
        for (int i = coalescer.head(k); i >= 0; i = coalescer.next(i)) {
            gather.putLong(v * IOVEC_SIZE, addr[i] + coalescer.payloadOffset(batch, i));
            gather.putLong(v * IOVEC_SIZE + 8, coalescer.payloadLength(i));
            v++;
        }
        return v;
    }

    private long[] slotAddresses(final PacketBatch batch) {
        int free = -1;
        for (int k = 0; k < addressed.length; k++) {
            if (addressed[k] == batch) {
                return slotAddress[k];
            }
            if (addressed[k] == null && free < 0) {
                free = k;
            }
        }
        long[] a = new long[batch.capacity()];
        for (int i = 0; i < a.length; i++) {
            a[i] = LibC.address(batch.slot(i));
        }
        int k = free >= 0 ? free : addressed.length - 1; // more writers than expected: the last entry turns over
        addressed[k] = batch;
        slotAddress[k] = a;
        return a;
    }

    /** Writes of merged TCP segments so far, and the segments they carried (GRO gain = segments / writes). */
    public long mergedWrites() {
        return mergedWrites;
    }

    public long mergedSegments() {
        return mergedSegments;
    }

    /** One packet: {@code len} bytes of {@code slot} at its position, or with {@code iovecs > 0} the gather list. */
    private boolean writeOne(final ByteBuffer slot, final int len, final int iovecs) throws IOException {
        while (true) {
            long r = iovecs > 0 ? writeGathered(iovecs) : writeFrom(slot, len);
            if (r >= 0) {
                return true;
            }
            int err = (int) -r;
            if (err == Errno.EINTR.number()) {
                continue;
            }
            if (err == Errno.EAGAIN.number()) {
                if (!writable.await()) {
                    throw new ClosedChannelException();
                }
                continue;
            }
            if (isPacketError(err)) {
                return false;
            }
            throw NativeException.of("write(" + name + ")", err, null);
        }
    }

    /** Errors that concern one packet (or a link that is down for now), not the device. */
    static boolean isPacketError(final int errno) {
        return errno == Errno.EINVAL.number() || errno == Errno.EMSGSIZE.number() || errno == Errno.EIO.number()
                || errno == Errno.ENOBUFS.number() || errno == Errno.ENOMEM.number()
                || errno == Errno.EAFNOSUPPORT.number();
    }

    /**
     * Wakes a blocked {@link #read} (which then returns -1) or {@link #write}, waits for them to return, and closes
     * the fds. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        wakeup.wake();
        readLock.lock();
        writeLock.lock();
        try {
            libc.close(fd);
            wakeup.close();
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "LinuxTunDevice[" + name + ", mtu " + options.mtu() + (closed.get() ? ", closed]" : "]");
    }
}
