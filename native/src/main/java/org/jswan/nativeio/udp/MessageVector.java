package org.jswan.nativeio.udp;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jswan.nativeio.posix.LibC;

/**
 * The native memory of one sendmmsg(2) call: {@code capacity} {@code struct mmsghdr}, one {@code struct iovec} per
 * packet, one {@code UDP_SEGMENT} control message and one {@code sockaddr_in6}-sized name per message, all in one
 * direct buffer whose pointers are written once per message. LP64 Linux layouts (x86-64, aarch64):
 *
 * <pre>
 * struct mmsghdr (64) { struct msghdr { void *msg_name 0; socklen_t msg_namelen 8; struct iovec *msg_iov 16;
 *                       size_t msg_iovlen 24; void *msg_control 32; size_t msg_controllen 40; int msg_flags 48; }
 *                       unsigned msg_len 56; }
 * struct iovec (16)   { void *iov_base 0; size_t iov_len 8; }
 * struct cmsghdr (16) { size_t cmsg_len 0; int cmsg_level 8; int cmsg_type 12; } + u16 gso_size, CMSG_SPACE = 24
 * </pre>
 *
 * Not thread-safe: owned by one sending thread.
 */
final class MessageVector {
    static final int MMSGHDR_SIZE = 64;
    static final int IOVEC_SIZE = 16;
    static final int CMSG_SPACE = 24;
    static final int NAME_SIZE = 28;
    private static final int CMSG_LEN_U16 = 18;
    /** linux/udp.h: {@code SOL_UDP} and the {@code UDP_SEGMENT} option that carries the GSO segment size. */
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;

    private final ByteBuffer mem;
    private final long base;
    private final int capacity;
    private final int iovAt;
    private final int cmsgAt;
    private final int nameAt;
    /** Which address each name slot holds, so an unchanged peer is not encoded again. */
    private final InetSocketAddress[] encoded;
    private final int[] nameLength;

    /** The socket is AF_INET6: IPv4 peers are written as IPv4-mapped addresses (ipv6(7)). */
    private final boolean v6Socket;

    MessageVector(final int capacity, final boolean v6Socket) {
        this.capacity = capacity;
        this.v6Socket = v6Socket;
        this.iovAt = capacity * MMSGHDR_SIZE;
        this.cmsgAt = iovAt + capacity * IOVEC_SIZE;
        this.nameAt = cmsgAt + capacity * CMSG_SPACE;
        this.mem = ByteBuffer.allocateDirect(nameAt + capacity * NAME_SIZE).order(ByteOrder.nativeOrder());
        this.base = LibC.address(mem);
        this.encoded = new InetSocketAddress[capacity];
        this.nameLength = new int[capacity];
    }

    int capacity() {
        return capacity;
    }

    /** Address of message {@code m}, the {@code msgvec} argument for a call starting there. */
    long messageAddress(final int m) {
        return base + (long) m * MMSGHDR_SIZE;
    }

    /** Sets iovec {@code i} to {@code [address, address + length)}. */
    void iovec(final int i, final long address, final int length) {
        int at = iovAt + i * IOVEC_SIZE;
        mem.putLong(at, address);
        mem.putLong(at + 8, length);
    }

    /**
     * Fills message {@code m}: to {@code to}, iovecs {@code firstIov .. firstIov + iovCount - 1}; with
     * {@code gsoSize > 0} a UDP_SEGMENT control message asks the kernel to cut the payload into datagrams of that
     * size (udp(7)); the last one may be shorter.
     */
    void message(final int m, final InetSocketAddress to, final int firstIov, final int iovCount, final int gsoSize) {
        int at = m * MMSGHDR_SIZE;
        mem.putLong(at, base + nameAt + (long) m * NAME_SIZE);
        mem.putLong(at + 8, name(m, to)); // msg_namelen (4) + padding (4)
        mem.putLong(at + 16, base + iovAt + (long) firstIov * IOVEC_SIZE);
        mem.putLong(at + 24, iovCount);
        if (gsoSize > 0) {
            int c = cmsgAt + m * CMSG_SPACE;
            mem.putLong(c, CMSG_LEN_U16);
            mem.putInt(c + 8, SOL_UDP);
            mem.putInt(c + 12, UDP_SEGMENT);
            mem.putShort(c + 16, (short) gsoSize);
            mem.putLong(at + 32, base + c);
            mem.putLong(at + 40, CMSG_SPACE);
        } else {
            mem.putLong(at + 32, 0L);
            mem.putLong(at + 40, 0L);
        }
        mem.putLong(at + 48, 0L); // msg_flags + msg_len
        mem.putLong(at + 56, 0L);
    }

    /** Encodes {@code to} into name slot {@code m} unless it already holds it; returns the name length. */
    private int name(final int m, final InetSocketAddress to) {
        if (encoded[m] == to) {
            return nameLength[m];
        }
        int at = nameAt + m * NAME_SIZE;
        byte[] addr = to.getAddress().getAddress();
        for (int i = 0; i < NAME_SIZE; i++) {
            mem.put(at + i, (byte) 0);
        }
        boolean v4 = to.getAddress() instanceof Inet4Address;
        mem.put(at + 2, (byte) (to.getPort() >>> 8)); // port, network order
        mem.put(at + 3, (byte) to.getPort());
        if (v4 && !v6Socket) {
            mem.putShort(at, (short) LibC.AF_INET); // sa_family_t, host order
            mem.put(at + 4, addr); // sin_addr
        } else {
            mem.putShort(at, (short) LibC.AF_INET6);
            if (v4) {
                mem.put(at + 8 + 10, (byte) 0xff).put(at + 8 + 11, (byte) 0xff); // ::ffff:a.b.c.d
                mem.put(at + 8 + 12, addr);
            } else {
                mem.put(at + 8, addr); // sin6_addr, after sin6_flowinfo
            }
        }
        nameLength[m] = v4 && !v6Socket ? 16 : NAME_SIZE;
        encoded[m] = to;
        return nameLength[m];
    }
}
