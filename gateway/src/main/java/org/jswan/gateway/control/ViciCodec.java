package org.jswan.gateway.control;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The VICI wire format (strongSwan src/libcharon/plugins/vici/README.md): a transport of 32-bit big-endian
 * length-prefixed byte sequences, each holding one packet (type byte, 8-bit length name for named types, then a
 * message), messages as a flat sequence of typed elements.
 *
 * <p>Decoding trusts nothing: every length is checked against what is left, the segment length against
 * {@link #MAX_SEGMENT}, section nesting against {@link #MAX_DEPTH}; any violation is a
 * {@link ViciProtocolException}, never an unchecked exception.
 */
public final class ViciCodec {
    /** README "Transport protocol": "The maximum segment length is currently limited to 512KB". */
    public static final int MAX_SEGMENT = 512 * 1024;
    /** Section nesting limit; swanctl.conf trees are about five deep (conn, children, child, ...). */
    public static final int MAX_DEPTH = 32;

    static final int SECTION_START = 1;
    static final int SECTION_END = 2;
    static final int KEY_VALUE = 3;
    static final int LIST_START = 4;
    static final int LIST_ITEM = 5;
    static final int LIST_END = 6;

    private ViciCodec() {
    }

    // ---- transport layer ----

    /**
     * Reads one length-prefixed segment; returns null on a clean end of stream before the length.
     *
     * @throws ViciProtocolException if the announced length exceeds {@code maxSegment} or is zero
     * @throws EOFException if the stream ends inside a segment
     */
    public static byte[] readSegment(final InputStream in, final int maxSegment) throws IOException {
        byte[] header = new byte[4];
        int got = in.readNBytes(header, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new EOFException("connection closed inside a VICI length header");
        }
        long length = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                | (header[3] & 0xFF);
        if (length > maxSegment) {
            throw new ViciProtocolException("VICI segment of " + length + " bytes exceeds the limit of "
                    + maxSegment);
        }
        if (length == 0) {
            throw new ViciProtocolException("empty VICI segment (a packet needs at least its type)");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException("connection closed after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    /** Writes {@code packet} as one length-prefixed segment. */
    public static void writeSegment(final OutputStream out, final ViciPacket packet) throws IOException {
        out.write(encodeSegment(packet));
        out.flush();
    }

    /** The length prefix plus the encoded packet. */
    public static byte[] encodeSegment(final ViciPacket packet) {
        byte[] body = encodePacket(packet);
        byte[] out = new byte[4 + body.length];
        out[0] = (byte) (body.length >>> 24);
        out[1] = (byte) (body.length >>> 16);
        out[2] = (byte) (body.length >>> 8);
        out[3] = (byte) body.length;
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    // ---- packet layer ----

    /**
     * Encodes a packet without the length prefix.
     *
     * @throws IllegalArgumentException if a name or value is too long for its length field, or the packet exceeds
     *     {@link #MAX_SEGMENT}
     */
    public static byte[] encodePacket(final ViciPacket packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(packet.type().code());
        if (packet.type().isNamed()) {
            writeName(out, packet.name());
        }
        if (packet.type().hasMessage()) {
            writeMessage(out, packet.message());
        }
        if (out.size() > MAX_SEGMENT) {
            throw new IllegalArgumentException("VICI packet of " + out.size() + " bytes exceeds " + MAX_SEGMENT);
        }
        return out.toByteArray();
    }

    /** Decodes a packet from a segment body (without the length prefix). */
    public static ViciPacket decodePacket(final byte[] segment) throws ViciProtocolException {
        Reader r = new Reader(segment);
        ViciPacketType type = ViciPacketType.valueOf(r.u8("packet type"));
        if (!type.isKnown()) {
            throw new ViciProtocolException("unknown VICI packet type " + type.code());
        }
        String name = type.isNamed() ? r.name("packet name") : null;
        ViciMessage message = ViciMessage.EMPTY;
        if (type.hasMessage()) {
            message = decodeMessage(r);
        } else if (r.remaining() > 0) {
            throw new ViciProtocolException(type + " carries " + r.remaining() + " unexpected trailing bytes");
        }
        return new ViciPacket(type, name, message);
    }

    // ---- message layer ----

    /** Encodes a message (the element sequence only). */
    public static byte[] encodeMessage(final ViciMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeMessage(out, message);
        return out.toByteArray();
    }

    /** Decodes a whole byte array as one message. */
    public static ViciMessage decodeMessage(final byte[] encoded) throws ViciProtocolException {
        return decodeMessage(new Reader(encoded));
    }

    private static ViciMessage decodeMessage(final Reader r) throws ViciProtocolException {
        ViciMessage.Builder b = ViciMessage.builder();
        while (r.remaining() > 0) {
            int type = r.u8("element type");
            switch (type) {
                case SECTION_START -> {
                    requireNoList(b, "SECTION_START");
                    if (b.depth() >= MAX_DEPTH) {
                        throw new ViciProtocolException("sections nested deeper than " + MAX_DEPTH);
                    }
                    b.beginSection(r.name("section name"));
                }
                case SECTION_END -> {
                    requireNoList(b, "SECTION_END");
                    if (b.depth() == 0) {
                        throw new ViciProtocolException("SECTION_END without an open section");
                    }
                    b.endSection();
                }
                case KEY_VALUE -> {
                    // README "Key/Values": "Key/values may not appear in lists".
                    requireNoList(b, "KEY_VALUE");
                    String name = r.name("key name");
                    b.add(name, r.value("value of " + name));
                }
                case LIST_START -> {
                    // README "Lists": lists "may not be nested".
                    requireNoList(b, "LIST_START");
                    b.beginList(r.name("list name"));
                }
                case LIST_ITEM -> {
                    if (!b.inList()) {
                        throw new ViciProtocolException("LIST_ITEM outside a list");
                    }
                    b.item(r.value("list item"));
                }
                case LIST_END -> {
                    if (!b.inList()) {
                        throw new ViciProtocolException("LIST_END without an open list");
                    }
                    b.endList();
                }
                default -> throw new ViciProtocolException("unknown VICI element type " + type + " at offset "
                        + (r.pos - 1));
            }
        }
        if (b.inList() || b.depth() != 0) {
            throw new ViciProtocolException("message ends with " + (b.inList() ? "a list" : b.depth()
                    + " section(s)") + " still open");
        }
        return b.build();
    }

    private static void requireNoList(final ViciMessage.Builder b, final String element) throws ViciProtocolException {
        if (b.inList()) {
            throw new ViciProtocolException(element + " inside a list");
        }
    }

    private static void writeMessage(final ByteArrayOutputStream out, final ViciMessage message) {
        for (ViciMessage.Entry e : message.entries()) {
            if (e instanceof ViciMessage.KeyValue kv) {
                out.write(KEY_VALUE);
                writeName(out, kv.name());
                writeValue(out, kv.value());
            } else if (e instanceof ViciMessage.ListValue l) {
                out.write(LIST_START);
                writeName(out, l.name());
                for (byte[] item : l.items()) {
                    out.write(LIST_ITEM);
                    writeValue(out, item);
                }
                out.write(LIST_END);
            } else if (e instanceof ViciMessage.Section s) {
                out.write(SECTION_START);
                writeName(out, s.name());
                writeMessage(out, s.content());
                out.write(SECTION_END);
            }
        }
    }

    private static void writeName(final ByteArrayOutputStream out, final String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFF) {
            throw new IllegalArgumentException("VICI name longer than 255 bytes: " + name.substring(0, 32) + "...");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeValue(final ByteArrayOutputStream out, final byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("VICI value longer than 65535 bytes (" + value.length + ")");
        }
        out.write(value.length >>> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
    }

    /** Bounds-checked cursor over one segment. */
    private static final class Reader {
        private final byte[] data;
        private int pos;

        Reader(final byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - pos;
        }

        int u8(final String what) throws ViciProtocolException {
            need(1, what);
            return data[pos++] & 0xFF;
        }

        String name(final String what) throws ViciProtocolException {
            int len = u8(what + " length");
            need(len, what);
            String s = new String(data, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        byte[] value(final String what) throws ViciProtocolException {
            need(2, what + " length");
            int len = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            pos += 2;
            need(len, what);
            byte[] v = new byte[len];
            System.arraycopy(data, pos, v, 0, len);
            pos += len;
            return v;
        }

        private void need(final int n, final String what) throws ViciProtocolException {
            if (remaining() < n) {
                throw new ViciProtocolException("truncated VICI data: " + what + " needs " + n + " bytes at offset "
                        + pos + ", " + remaining() + " left");
            }
        }
    }
}
