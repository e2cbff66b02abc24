package org.jswan.nativeio.crypto;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.concurrent.atomic.AtomicInteger;
import com.kenai.jffi.MemoryIO;

/**
 * What the native cipher contexts (OpenSSL's, GnuTLS's, ipsec-mb's) share: the native context's life (a data thread
 * may still be inside a call when the control thread closes the SA, so the last one out frees it: never a use after
 * free), a small direct parameter block (nonce, AAD, out-lengths), and the address of the packet buffer with every
 * access bounds-checked, since a wrong address here is memory corruption rather than an exception.
 */
abstract class NativeCipherContext implements AutoCloseable {
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;
    static final MemoryIO MEMORY = MemoryIO.getInstance();
    private static final int ADDRESS_CELLS = 256;
    /** Frees the native objects of contexts nobody closed (a bug elsewhere must not leak keys in C memory). */
    private static final Cleaner CLEANER = Cleaner.create();

    /** Per-call parameters the caller writes (layout defined by the subclass), big-endian. */
    final ByteBuffer params;
    final long paramsAddress;
    /** Which way the EVP_CIPHER_CTX runs; fixed for the life of the instance. */
    final boolean encrypt;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** Heap buffers (tests, vectors) are copied through this direct array; the data plane passes direct buffers. */
    private ByteBuffer staging;
    /**
     * Addresses of the direct buffers seen so far, by identity hash, first come first kept: asking jffi costs two JNI
     * calls per packet, and the data plane passes the same batch slots again and again. Entries are immutable, so
     * a racing reader sees a whole one or none; a buffer whose cell is taken is simply asked for each time.
     */
    private final AddressOf[] addresses = new AddressOf[ADDRESS_CELLS];
    private Cleaner.Cleanable handles;

    NativeCipherContext(final int paramsSize, final boolean encrypt) {
        this.encrypt = encrypt;
        this.params = ByteBuffer.allocateDirect(paramsSize);
        this.paramsAddress = MEMORY.getDirectBufferAddress(params);
    }

    /** The per-call parameter block (nonce, AAD, IV...), at the offsets the subclass documents. */
    public final ByteBuffer parameters() {
        return params;
    }

    final boolean enter() {
        return state.compareAndSet(IDLE, BUSY);
    }

    final void exit() {
        if (!state.compareAndSet(BUSY, IDLE)) {
            state.set(CLOSED);
            release();
        }
    }

    /** Frees the native context now, or when the call in progress on a data thread returns. Idempotent. */
    @Override
    public final void close() {
        while (true) {
            int s = state.get();
            if (s == IDLE && state.compareAndSet(IDLE, CLOSED)) {
                release();
                return;
            }
            if (s == BUSY && state.compareAndSet(BUSY, CLOSING)) {
                return;
            }
            if (s == CLOSING || s == CLOSED) {
                return;
            }
        }
    }

    /** Hands the subclass's native objects over: freed on close, or by the Cleaner if this is dropped unclosed. */
    final void own(final Runnable nativeHandles) {
        handles = CLEANER.register(this, nativeHandles);
    }

    /** Frees (and so cleanses) the native objects and wipes the buffers; runs once (also on a failed constructor). */
    final void release() {
        if (handles != null) {
            handles.clean();
        }
        wipeStaging();
    }

    /** Refuses a seal on a decrypting context or an open on an encrypting one. */
    final void requireDirection(final boolean sealing) {
        if (sealing != encrypt) {
            throw new IllegalStateException(encrypt ? "encrypting context" : "decrypting context");
        }
    }

    /** One seal or open of an {@link InPlaceAead} context, on checked data at {@code data}, while entered. */
    interface AeadStep {
        boolean run(long data, int length, int aadLength);
    }

    /**
     * What every {@link InPlaceAead} call does around the library's own work: the direction and region checks,
     * {@code step} while entered (a close waits for it), and a heap caller's result copied back on success.
     */
    final boolean aead(final ByteBuffer buf, final int off, final int length, final int aadLength,
            final boolean sealing, final AeadStep step) {
        requireDirection(sealing);
        long data = aeadAddress(buf, off, length, aadLength);
        if (!enter()) {
            return false;
        }
        try {
            boolean ok = step.run(data, length, aadLength);
            if (ok) {
                unstage(buf, off, length + InPlaceAead.TAG_LENGTH);
            }
            return ok;
        } finally {
            exit();
            Reference.reachabilityFence(this); // the Cleaner must not free the native side during the call
        }
    }

    /** Constant time: every byte is compared whatever the first difference (RFC 4106 §9 relies on the tag). */
    static boolean tagsMatch(final long received, final long computed) {
        long diff = (MEMORY.getLong(received) ^ MEMORY.getLong(computed))
                | (MEMORY.getLong(received + 8) ^ MEMORY.getLong(computed + 8));
        return diff == 0;
    }

    /** Zeroes a computed tag after the comparison: the right tag for a forged packet is not left lying around. */
    static void forgetTag(final long computed) {
        MEMORY.putLong(computed, 0);
        MEMORY.putLong(computed + 8, 0);
    }

    /** Zeroes a parameter block or staging buffer (whole longs: both are sized so), when its context is freed. */
    static void wipe(final ByteBuffer params) {
        for (int i = 0; i + 8 <= params.capacity(); i += 8) {
            params.putLong(i, 0);
        }
    }

    /**
     * The checks of an in-place AEAD call ({@link InPlaceAead}): the AAD fits its room in the parameter block, the
     * data length is one the libraries can take (they take it as size_t: a negative one would run them over the whole
     * address space), and data and tag lie inside the buffer. Returns the data's address, as {@link #address}.
     */
    final long aeadAddress(final ByteBuffer buf, final int off, final int length, final int aadLength) {
        if (aadLength < 0 || aadLength > InPlaceAead.MAX_AAD) {
            throw new IllegalArgumentException("AAD length " + aadLength);
        }
        if (length < 0 || length > Integer.MAX_VALUE - InPlaceAead.TAG_LENGTH) {
            throw new IllegalArgumentException("data length " + length);
        }
        return address(buf, off, length + InPlaceAead.TAG_LENGTH);
    }

    /**
     * The native address of {@code buf[off]} for an access of {@code length} bytes, after checking the region lies
     * inside the buffer's limit. Heap buffers are first copied into a direct staging buffer ({@link #unstage} copies
     * the result back).
     */
    final long address(final ByteBuffer buf, final int off, final int length) {
        if (off < 0 || length < 0 || off > buf.limit() - length) {
            throw new IndexOutOfBoundsException("region " + off + "+" + length + " outside 0.." + buf.limit());
        }
        if (buf.isReadOnly()) {
            throw new ReadOnlyBufferException(); // the ciphers write in place
        }
        if (buf.isDirect()) {
            return directAddress(buf) + off;
        }
        if (staging == null || staging.capacity() < length) {
            staging = ByteBuffer.allocateDirect((Math.max(2048, length) + 7) & ~7); // whole longs for the wipe
        }
        staging.put(0, buf, off, length);
        return MEMORY.getDirectBufferAddress(staging);
    }

    private long directAddress(final ByteBuffer buf) {
        int cell = System.identityHashCode(buf) & (ADDRESS_CELLS - 1);
        AddressOf known = addresses[cell];
        if (known != null && known.buffer() == buf) {
            return known.address();
        }
        long address = MEMORY.getDirectBufferAddress(buf);
        if (known == null) {
            addresses[cell] = new AddressOf(buf, address);
        }
        return address;
    }

    /** A direct buffer and the address of its first byte, which never moves. */
    private record AddressOf(ByteBuffer buffer, long address) {
    }

    /** Copies a heap caller's result back; call it before {@link #exit()}, since a close after that wipes staging. */
    final void unstage(final ByteBuffer buf, final int off, final int length) {
        if (!buf.isDirect()) {
            buf.put(off, staging, 0, length);
        }
    }

    /** Zeroes what a heap-buffer call left in the staging buffer. */
    final void wipeStaging() {
        if (staging != null) {
            wipe(staging);
        }
    }

    /** Copies {@code key} into native memory for an init call, then zeroes that copy. */
    final void withKey(final byte[] key, final KeyUse use) {
        ByteBuffer k = ByteBuffer.allocateDirect(Math.max(1, key.length));
        try {
            k.put(0, key);
            use.apply(MEMORY.getDirectBufferAddress(k), key.length);
        } finally {
            for (int i = 0; i < k.capacity(); i++) {
                k.put(i, (byte) 0);
            }
        }
    }

    @FunctionalInterface
    interface KeyUse {
        void apply(long keyAddress, int keyLength);
    }
}
