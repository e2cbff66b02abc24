package org.jswan.gateway.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViciCodecTest {

    /** The "Encoding example" of strongSwan src/libcharon/plugins/vici/README.md. */
    private static final byte[] README_EXAMPLE = bytes(
            3, 4, "key1", 0, 6, "value1",
            1, 8, "section1",
            1, 11, "sub-section",
            3, 4, "key2", 0, 6, "value2",
            2,
            4, 5, "list1",
            5, 0, 5, "item1",
            5, 0, 5, "item2",
            6,
            2);

    private static byte[] bytes(final Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes(((String) p).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static ViciMessage sample() {
        return ViciMessage.builder()
                .add("key1", "value1")
                .beginSection("section1")
                .beginSection("sub-section").add("key2", "value2").endSection()
                .beginList("list1").item("item1").item("item2").endList()
                .endSection()
                .build();
    }

    @Test
    void readmeExampleDecodesAndEncodesBack() throws Exception {
        ViciMessage m = ViciCodec.decodeMessage(README_EXAMPLE);
        assertEquals("value1", m.get("key1"));
        assertEquals("value2", m.find("section1.sub-section.key2"));
        assertEquals(List.of("item1", "item2"), m.section("section1").list("list1"));
        assertEquals(sample(), m);
        assertArrayEquals(README_EXAMPLE, ViciCodec.encodeMessage(sample()));
    }

    @Test
    void everyPacketTypeRoundTrips() throws Exception {
        List<ViciPacket> packets = List.of(
                ViciPacket.request("list-sas", sample()),
                ViciPacket.response(sample()),
                ViciPacket.of(ViciPacketType.CMD_UNKNOWN, null),
                ViciPacket.of(ViciPacketType.EVENT_REGISTER, "list-sa"),
                ViciPacket.of(ViciPacketType.EVENT_UNREGISTER, "list-sa"),
                ViciPacket.of(ViciPacketType.EVENT_CONFIRM, null),
                ViciPacket.of(ViciPacketType.EVENT_UNKNOWN, null),
                ViciPacket.event("log", ViciMessage.builder().add("msg", "hello").add("level", 1).build()));
        for (ViciPacket p : packets) {
            assertEquals(p, ViciCodec.decodePacket(ViciCodec.encodePacket(p)), p.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ViciPacket p : packets) {
            ViciCodec.writeSegment(out, p);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        for (ViciPacket p : packets) {
            assertEquals(p, ViciCodec.decodePacket(ViciCodec.readSegment(in, ViciCodec.MAX_SEGMENT)));
        }
        assertNull(ViciCodec.readSegment(in, ViciCodec.MAX_SEGMENT), "clean end of stream");
    }

    @Test
    void binaryValuesAndEmptyListsSurvive() throws Exception {
        byte[] blob = new byte[65535];
        new Random(1).nextBytes(blob);
        ViciMessage m = ViciMessage.builder().add("data", blob).addList("empty", List.of()).add("e", "").build();
        ViciMessage back = ViciCodec.decodeMessage(ViciCodec.encodeMessage(m));
        assertArrayEquals(blob, back.getBytes("data"));
        assertEquals(List.of(), back.list("empty"));
        assertEquals("", back.get("e"));
    }

    @Test
    void everyTruncationIsRejectedCleanly() {
        byte[] full = ViciCodec.encodePacket(ViciPacket.request("load-conn", sample()));
        for (int len = 0; len < full.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(full, len);
            try {
                ViciCodec.decodePacket(cut);
            } catch (ViciProtocolException expected) {
                continue;
            }
            // A cut exactly between complete top-level elements is a shorter valid message; anything else is not.
            assertTrue(len == 1 + 1 + "load-conn".length() || len == 1 + 1 + 9 + 14,
                    "truncation to " + len + " bytes was accepted");
        }
    }

    @Test
    void randomAndMutatedInputOnlyEverRaisesProtocolExceptions() {
        Random rnd = new Random(42);
        byte[] valid = ViciCodec.encodePacket(ViciPacket.request("load-conn", sample()));
        for (int i = 0; i < 20000; i++) {
            byte[] in;
            if (i % 2 == 0) {
                in = new byte[rnd.nextInt(64)];
                rnd.nextBytes(in);
            } else {
                in = valid.clone();
                for (int j = 0; j < 1 + rnd.nextInt(4); j++) {
                    in[rnd.nextInt(in.length)] = (byte) rnd.nextInt(256);
                }
            }
            try {
                ViciCodec.decodePacket(in);
            } catch (ViciProtocolException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void oversizedSegmentIsRejectedBeforeReading() {
        byte[] header = {0, 8, 0, 1}; // 512 KiB + 1
        ViciProtocolException e = assertThrows(ViciProtocolException.class,
                () -> ViciCodec.readSegment(new ByteArrayInputStream(header), ViciCodec.MAX_SEGMENT));
        assertTrue(e.getMessage().contains("524289"), e.getMessage());
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(ViciProtocolException.class,
                () -> ViciCodec.readSegment(new ByteArrayInputStream(huge), ViciCodec.MAX_SEGMENT));
        assertThrows(ViciProtocolException.class,
                () -> ViciCodec.readSegment(new ByteArrayInputStream(new byte[4]), ViciCodec.MAX_SEGMENT));
    }

    @Test
    void shortSegmentIsAnEof() {
        byte[] data = {0, 0, 0, 10, 0, 1};
        assertThrows(EOFException.class,
                () -> ViciCodec.readSegment(new ByteArrayInputStream(data), ViciCodec.MAX_SEGMENT));
        assertThrows(EOFException.class,
                () -> ViciCodec.readSegment(new ByteArrayInputStream(new byte[] {0, 0}), ViciCodec.MAX_SEGMENT));
    }

    @Test
    void nestingIsBounded() throws Exception {
        assertEquals(ViciCodec.MAX_DEPTH, depth(ViciCodec.decodeMessage(nested(ViciCodec.MAX_DEPTH))));
        ViciProtocolException e = assertThrows(ViciProtocolException.class,
                () -> ViciCodec.decodeMessage(nested(ViciCodec.MAX_DEPTH + 1)));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
        // 100000 opens fit in one segment: must still fail fast on depth, not on the stack.
        assertThrows(ViciProtocolException.class, () -> ViciCodec.decodeMessage(nested(100000)));
    }

    private static byte[] nested(final int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            out.writeBytes(bytes(1, 1, "s"));
        }
        for (int i = 0; i < depth; i++) {
            out.write(2);
        }
        return out.toByteArray();
    }

    private static int depth(final ViciMessage m) {
        ViciMessage s = m.section("s");
        return s == null ? 0 : 1 + depth(s);
    }

    @Test
    void malformedElementSequencesAreRejected() {
        List<byte[]> bad = List.of(
                bytes(0),                                  // element type 0
                bytes(7),                                  // element type 7
                bytes(255),                                // element type 255
                bytes(2),                                  // SECTION_END at the root
                bytes(1, 1, "s"),                          // section never closed
                bytes(5, 0, 1, "x"),                       // LIST_ITEM outside a list
                bytes(6),                                  // LIST_END without a list
                bytes(4, 1, "l", 5, 0, 1, "x"),            // list never closed
                bytes(4, 1, "l", 4, 1, "m", 6, 6),         // nested list
                bytes(4, 1, "l", 3, 1, "k", 0, 1, "v", 6), // key/value inside a list
                bytes(4, 1, "l", 1, 1, "s", 2, 6),         // section inside a list
                bytes(3, 9, "k"),                          // name longer than the data
                bytes(3, 1, "k", 0, 9, "v"),               // value longer than the data
                bytes(3, 1, "k", 0));                      // value length cut in half
        for (byte[] b : bad) {
            assertThrows(ViciProtocolException.class, () -> ViciCodec.decodeMessage(b),
                    java.util.HexFormat.of().formatHex(b));
        }
    }

    @Test
    void badPacketsAreRejected() {
        assertThrows(ViciProtocolException.class, () -> ViciCodec.decodePacket(new byte[0]));
        assertThrows(ViciProtocolException.class, () -> ViciCodec.decodePacket(bytes(8)));
        assertThrows(ViciProtocolException.class, () -> ViciCodec.decodePacket(bytes(0, 5, "abc")));
        assertThrows(ViciProtocolException.class, () -> ViciCodec.decodePacket(bytes(5, 1)));
        assertFalse(ViciPacketType.valueOf(200).isKnown());
        assertEquals(200, ViciPacketType.valueOf(200).code());
    }

    @Test
    void encodingRefusesWhatTheFormatCannotHold() {
        String longName = "n".repeat(256);
        assertThrows(IllegalArgumentException.class,
                () -> ViciCodec.encodeMessage(ViciMessage.builder().add(longName, "v").build()));
        assertThrows(IllegalArgumentException.class,
                () -> ViciCodec.encodeMessage(ViciMessage.builder().add("k", new byte[65536]).build()));
        ViciMessage.Builder big = ViciMessage.builder();
        for (int i = 0; i < 9; i++) {
            big.add("k" + i, new byte[65535]);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ViciCodec.encodePacket(ViciPacket.response(big.build())));
    }

    @Test
    void builderRejectsUnbalancedStructure() {
        assertThrows(IllegalStateException.class, () -> ViciMessage.builder().beginSection("s").build());
        assertThrows(IllegalStateException.class, () -> ViciMessage.builder().endSection());
        assertThrows(IllegalStateException.class, () -> ViciMessage.builder().item("x"));
        assertThrows(IllegalStateException.class, () -> ViciMessage.builder().beginList("l").add("k", "v"));
    }

    @Test
    void toStringNeverShowsValues() {
        ViciMessage m = ViciMessage.builder().add("type", "IKE").add("data", "hunter2")
                .addList("owners", List.of("sun")).build();
        assertFalse(m.toString().contains("hunter2"), m.toString());
        assertTrue(m.toString().contains("data"), m.toString());
        assertFalse(new SharedSecret("IKE", List.of("sun"), "hunter2".getBytes(StandardCharsets.UTF_8))
                .toString().contains("hunter2"));
    }
}
