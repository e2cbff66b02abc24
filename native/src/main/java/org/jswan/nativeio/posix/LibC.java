package org.jswan.nativeio.posix;

import java.nio.ByteBuffer;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The few libc calls jswan needs, bound by jnr-ffi. Buffers passed here must be <em>direct</em>: jnr-ffi then passes
 * {@code address + position} without copying or pinning (STYLE.md A.6; {@code @Pinned} is wrong for calls that may
 * block, such as read and write). errno is saved for every call that can fail and read back with
 * {@link #errno()}; calls that cannot fail in a way we act on are {@code @IgnoreError}, which skips that cost.
 *
 * <p>Constants are Linux values (glibc/musl on x86-64 and aarch64 agree on all of them).
 */
public interface LibC {
    int O_RDWR = 0x2;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;

    int F_GETFL = 3;
    int F_SETFL = 4;

    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;
    /** Size of {@code struct pollfd {int fd; short events; short revents;}}. */
    int POLLFD_SIZE = 8;

    int EFD_NONBLOCK = O_NONBLOCK;
    int EFD_CLOEXEC = O_CLOEXEC;

    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_NONBLOCK = O_NONBLOCK;
    int SOCK_CLOEXEC = O_CLOEXEC;

    /** The bound library, loaded once on first use. */
    static LibC instance() {
        return LibCLoader.LIBC;
    }

    /**
     * The native address of a direct buffer's first byte (its position is ignored), for the pointers inside structs
     * such as {@code struct mmsghdr}. The buffer must stay reachable while the address is in use.
     */
    static long address(final ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        // jnr-ffi's pointer starts at the buffer's position: take it from a view at position 0.
        return jnr.ffi.Pointer.wrap(LibCLoader.RUNTIME, direct.duplicate().clear()).address();
    }

    /** The errno saved by the last call on this thread that keeps errno. */
    static int errno() {
        return LibCLoader.RUNTIME.getLastError();
    }

    int open(CharSequence path, int flags);

    /** Errors of close(2) (EINTR, EIO on NFS) leave nothing to do: the fd is released either way on Linux. */
    @IgnoreError
    int close(int fd);

    int ioctl(int fd, @u_int64_t long request, ByteBuffer arg);

    int ioctl(int fd, @u_int64_t long request, int arg);

    @ssize_t
    long read(int fd, @Out ByteBuffer buf, @size_t long count);

    @ssize_t
    long write(int fd, @In ByteBuffer buf, @size_t long count);

    /** writev(2): {@code iov} is the address of {@code iovcnt} {@code struct iovec} {base, len} in direct memory. */
    @ssize_t
    long writev(int fd, @intptr_t long iov, int iovcnt);

    /** {@code fds} holds {@code nfds} {@link #POLLFD_SIZE}-byte {@code struct pollfd} in native byte order. */
    int poll(ByteBuffer fds, @u_int64_t long nfds, int timeoutMillis);

    int fcntl(int fd, int cmd, int arg);

    int eventfd(int initval, int flags);

    int socket(int domain, int type, int protocol);

    int bind(int fd, @In ByteBuffer addr, int addrlen);

    /** On a raw socket: the default destination, and only datagrams from that address are delivered (raw(7)). */
    int connect(int fd, @In ByteBuffer addr, int addrlen);

    /** {@code addrlen} is a 4-byte in/out {@code socklen_t}; the family is the first 2 bytes of {@code addr}. */
    int getsockname(int fd, @Out ByteBuffer addr, ByteBuffer addrlen);

    @ssize_t
    long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In ByteBuffer addr, int addrlen);

    /** {@code addr} may be null; {@code addrlen} is a 4-byte in/out {@code socklen_t} (or null with addr). */
    @ssize_t
    long recvfrom(int fd, @Out ByteBuffer buf, @size_t long len, int flags, @Out ByteBuffer addr,
            ByteBuffer addrlen);

    /**
     * sendmmsg(2): {@code msgvec} is the address of {@code vlen} {@code struct mmsghdr} whose pointers (names, iovecs,
     * control messages) all point into direct memory the caller keeps alive.
     *
     * @return messages sent, or -1 with errno
     */
    int sendmmsg(int fd, @intptr_t long msgvec, int vlen, int flags);

    /** recvmmsg(2) with the same kind of raw {@code struct mmsghdr} array; {@code timeout} 0 is NULL. */
    int recvmmsg(int fd, @intptr_t long msgvec, int vlen, int flags, @intptr_t long timeout);

    int setsockopt(int fd, int level, int optname, @In ByteBuffer optval, int optlen);

    /** Control path only: the C library's text for an errno. */
    @IgnoreError
    String strerror(int errnum);
}
