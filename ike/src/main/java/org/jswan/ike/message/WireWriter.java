package org.jswan.ike.message;

import java.util.Arrays;

/** A growable big-endian byte sink with back-patching of length fields. */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter() {
        this(256);
    }

    public WireWriter(final int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(final int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    public int size() {
        return size;
    }

    public WireWriter u8(final int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(final int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u32(final long v) {
        ensure(4);
        for (int s = 24; s >= 0; s -= 8) {
            buf[size++] = (byte) (v >>> s);
        }
        return this;
    }

    public WireWriter u64(final long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) {
            buf[size++] = (byte) (v >>> s);
        }
        return this;
    }

    public WireWriter zeros(final int n) {
        ensure(n);
        size += n;
        return this;
    }

    public WireWriter bytes(final byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WireWriter bytes(final byte[] b, final int off, final int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** Overwrites the 16-bit field at {@code at} (a length written after its structure). */
    public void setU16(final int at, final int v) {
        if (at < 0 || at + 2 > size) {
            throw new IndexOutOfBoundsException(at);
        }
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    public void setU8(final int at, final int v) {
        if (at < 0 || at >= size) {
            throw new IndexOutOfBoundsException(at);
        }
        buf[at] = (byte) v;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
