package org.jswan.ike.message;

import org.jswan.ike.codec.DecodeException;

/**
 * A bounded big-endian cursor over a region of a byte array. Every read checks the remaining length first and
 * throws {@link DecodeException} (INVALID_SYNTAX) instead of running off the region, so payload decoders never let
 * an {@code IndexOutOfBoundsException} escape.
 */
public final class WireReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public WireReader(final byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(final byte[] buf, final int offset, final int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("region out of bounds");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    /** Absolute position in the underlying array. */
    public int position() {
        return pos;
    }

    private void need(final int n, final String what) throws DecodeException {
        if (n < 0 || n > end - pos) {
            throw DecodeException.invalidSyntax(what + ": needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int u8(final String what) throws DecodeException {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    public int u16(final String what) throws DecodeException {
        need(2, what);
        final int v = (buf[pos] & 0xff) << 8 | buf[pos + 1] & 0xff;
        pos += 2;
        return v;
    }

    public long u32(final String what) throws DecodeException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | buf[pos++] & 0xff;
        }
        return v;
    }

    public long u64(final String what) throws DecodeException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | buf[pos++] & 0xff;
        }
        return v;
    }

    public void skip(final int n, final String what) throws DecodeException {
        need(n, what);
        pos += n;
    }

    public byte[] bytes(final int n, final String what) throws DecodeException {
        need(n, what);
        final byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** All remaining bytes. */
    public byte[] rest() {
        final byte[] out = new byte[end - pos];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos = end;
        return out;
    }

    /** A reader over the next {@code n} bytes; this reader moves past them. */
    public WireReader slice(final int n, final String what) throws DecodeException {
        need(n, what);
        final WireReader s = new WireReader(buf, pos, n);
        pos += n;
        return s;
    }

    /** Fails unless every byte has been consumed (a length field claimed less than the structure holds). */
    public void expectEnd(final String what) throws DecodeException {
        if (pos != end) {
            throw DecodeException.invalidSyntax(what + ": " + (end - pos) + " trailing bytes");
        }
    }
}
