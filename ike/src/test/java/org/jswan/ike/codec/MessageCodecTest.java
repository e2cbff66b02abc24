package org.jswan.ike.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.PayloadType;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static IkeMessage decode(final byte[] datagram, final TestSkCipher cipher) throws DecodeException {
        return MessageCodec.decodeBody(MessageCodec.decodeHeader(datagram), datagram, cipher);
    }

    @Test
    void ikeSaInitRoundTripAndSummary() throws DecodeException {
        final IkeMessage m = Samples.ikeSaInitRequest();
        final byte[] wire = MessageCodec.encode(m, null);
        final IkeHeader h = MessageCodec.decodeHeader(wire);
        assertEquals(Samples.SPI_I, h.spiI());
        assertEquals(0, h.spiR());
        assertEquals(PayloadType.SA, h.nextPayload());
        assertEquals(wire.length, h.length());
        assertTrue(h.initiator());
        assertFalse(h.response());
        final IkeMessage back = MessageCodec.decodeBody(h, wire, null);
        assertFalse(back.encrypted());
        assertEquals("IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) ]",
                back.summary());
        assertArrayEquals(wire, MessageCodec.encode(back, null));
    }

    /** RFC 7296 §3.1 diagram: header bytes, flags I (0x08), version 2.0, Length covers the whole message. */
    @Test
    void goldenHeader() {
        final IkeMessage empty = new IkeMessage(IkeHeader.of(Samples.SPI_I, Samples.SPI_R,
                ExchangeType.INFORMATIONAL, true, true, 0x01020304L), List.of(), false);
        assertEquals("0102030405060708" + "1112131415161718" + "00" + "20" + "25" + "28" + "01020304" + "0000001c",
                HEX.formatHex(MessageCodec.encode(empty, null)));
    }

    @Test
    void encryptedRoundTrip() throws DecodeException {
        final IkeMessage m = Samples.ikeAuthRequest();
        final byte[] wire = MessageCodec.encode(m, new TestSkCipher(0x5a));
        final IkeHeader h = MessageCodec.decodeHeader(wire);
        assertEquals(PayloadType.SK, h.nextPayload());
        assertEquals(PayloadType.IDI.value(), wire[IkeHeader.LENGTH] & 0xff); // SK's Next Payload: first inner
        final IkeMessage back = MessageCodec.decodeBody(h, wire, new TestSkCipher(0x5a));
        assertTrue(back.encrypted());
        assertEquals("IKE_AUTH request 1 [ IDi N(INIT_CONTACT) AUTH SA TSi TSr N(MOBIKE_SUP) ]", back.summary());
        assertEquals(m.payloads().size(), back.payloads().size());
        assertTrue(back.notify(NotifyType.MOBIKE_SUPPORTED) != null);
        assertNull(back.notify(NotifyType.COOKIE));
    }

    @Test
    void tamperedOrWronglyKeyedMessagesAreDroppedSilently() {
        final byte[] wire = MessageCodec.encode(Samples.ikeAuthRequest(), new TestSkCipher(1));
        assertDrop(wire, new TestSkCipher(2));
        assertDrop(wire, null);
        for (final int at : new int[] {9, 20, IkeHeader.LENGTH + 1, wire.length - 20, wire.length - 1}) {
            final byte[] t = wire.clone();
            t[at] ^= 0x01;
            assertThrows(DecodeException.class, () -> decode(t, new TestSkCipher(1)), "flip at " + at);
        }
    }

    @Test
    void headerChecks() {
        final byte[] wire = MessageCodec.encode(Samples.ikeSaInitRequest(), null);
        final byte[] v1 = wire.clone();
        v1[17] = 0x10;
        assertDrop(v1, null);
        final byte[] v3 = wire.clone();
        v3[17] = 0x30;
        assertEquals(NotifyType.INVALID_MAJOR_VERSION,
                assertThrows(DecodeException.class, () -> MessageCodec.decodeHeader(v3)).notifyType());
        final byte[] v21 = wire.clone();
        v21[17] = 0x21; // RFC 7296 §2.5: minor versions are accepted
        assertTrue(assertDoesNotThrowHeader(v21));
        final byte[] longer = Arrays.copyOf(wire, wire.length + 1);
        assertDrop(longer, null);
        final byte[] lenTooSmall = wire.clone();
        lenTooSmall[27]--;
        assertDrop(lenTooSmall, null);
        assertDrop(new byte[27], null);
        assertDrop(new byte[MessageCodec.MAX_MESSAGE_LENGTH + 1], null);
    }

    private static boolean assertDoesNotThrowHeader(final byte[] wire) {
        try {
            return MessageCodec.decodeHeader(wire).minorVersion() == 1;
        } catch (final DecodeException e) {
            return false;
        }
    }

    @Test
    void truncationAtEveryOffsetOnlyThrowsDecodeException() {
        final TestSkCipher cipher = new TestSkCipher(3);
        for (final byte[] wire : List.of(MessageCodec.encode(Samples.ikeSaInitRequest(), null),
                MessageCodec.encode(Samples.ikeAuthRequest(), cipher))) {
            for (int len = 0; len < wire.length; len++) {
                final byte[] cut = Arrays.copyOf(wire, len);
                assertThrows(DecodeException.class, () -> decode(cut, cipher), "cut at " + len);
                // also with a Length field that agrees with the cut, so the body walk is exercised
                if (len >= IkeHeader.LENGTH) {
                    cut[24] = (byte) (len >>> 24);
                    cut[25] = (byte) (len >>> 16);
                    cut[26] = (byte) (len >>> 8);
                    cut[27] = (byte) len;
                    assertThrows(DecodeException.class, () -> decode(cut, cipher), "cut+len at " + len);
                }
            }
        }
    }

    @Test
    void randomBytesOnlyThrowDecodeException() {
        final Random random = new Random(7296);
        final TestSkCipher cipher = new TestSkCipher(4);
        final byte[] valid = MessageCodec.encode(Samples.ikeSaInitRequest(), null);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            final byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                if (b.length >= IkeHeader.LENGTH) {
                    b[17] = 0x20;
                    b[24] = 0;
                    b[25] = 0;
                    b[26] = (byte) (b.length >>> 8);
                    b[27] = (byte) b.length;
                    b[16] = (byte) (33 + random.nextInt(22));
                }
            } else { // mutate a valid message: flip a few bytes outside the length field
                b = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    final int at = IkeHeader.LENGTH + random.nextInt(b.length - IkeHeader.LENGTH);
                    b[at] = (byte) random.nextInt(256);
                }
            }
            try {
                decode(b, cipher);
                decoded++;
            } catch (final DecodeException expected) {
                // the only allowed outcome besides success
            }
        }
        assertTrue(decoded < 20_000, "some inputs must be rejected");
    }

    /** Mutated inner payload chains behind a valid ICV: the decrypted path must also throw only DecodeException. */
    @Test
    void mutatedInnerChainsOnlyThrowDecodeException() {
        final Random random = new Random(7383);
        final TestSkCipher cipher = new TestSkCipher(9);
        final org.jswan.ike.message.WireWriter inner = new org.jswan.ike.message.WireWriter();
        final PayloadType first = PayloadChainCodec.encode(Samples.ikeAuthRequest().payloads(), inner);
        final byte[] plain = inner.toByteArray();
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            final byte[] p = i % 3 == 0 ? Arrays.copyOf(plain, random.nextInt(plain.length)) : plain.clone();
            for (int k = 0; k < 1 + random.nextInt(3) && p.length > 0; k++) {
                p[random.nextInt(p.length)] = (byte) random.nextInt(256);
            }
            final byte[] wire = sealRaw(first, p, cipher);
            try {
                decode(wire, cipher);
                accepted++;
            } catch (final DecodeException expected) {
                // fine
            }
        }
        assertTrue(accepted < 5_000);
    }

    private static byte[] sealRaw(final PayloadType first, final byte[] plain, final TestSkCipher cipher) {
        final int sealedLength = cipher.sealedLength(plain.length);
        final org.jswan.ike.message.WireWriter w = new org.jswan.ike.message.WireWriter();
        Samples.ikeAuthRequest().header().withNextPayloadAndLength(PayloadType.SK, 32 + sealedLength).encode(w);
        w.u8(first.value()).u8(0).u16(4 + sealedLength);
        w.bytes(cipher.seal(w.toByteArray(), plain));
        return w.toByteArray();
    }

    @Test
    void unknownCriticalPayloadInMessage() {
        // IKE_SA_INIT with a single critical payload of type 200
        final byte[] body = HEX.parseHex("00800008deadbeef");
        final byte[] wire = withHeader(200, ExchangeType.IKE_SA_INIT, body);
        final DecodeException e = assertThrows(DecodeException.class, () -> decode(wire, null));
        assertEquals(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, e.notifyType());
        assertArrayEquals(new byte[] {(byte) 200}, e.notifyData());
    }

    @Test
    void garbageBodyIsInvalidSyntax() {
        final byte[] wire = withHeader(PayloadType.SA.value(), ExchangeType.IKE_SA_INIT, HEX.parseHex("ffffffff"));
        assertEquals(NotifyType.INVALID_SYNTAX,
                assertThrows(DecodeException.class, () -> decode(wire, null)).notifyType());
    }

    @Test
    void nonEspMarker() {
        final byte[] wire = MessageCodec.encode(Samples.ikeSaInitRequest(), null);
        final byte[] marked = NonEspMarker.prepend(wire);
        assertTrue(NonEspMarker.isPresent(marked));
        assertArrayEquals(wire, NonEspMarker.strip(marked));
        assertFalse(NonEspMarker.isPresent(new byte[] {0, 0, 0}));
        assertFalse(NonEspMarker.isPresent(new byte[] {0, 0, 0, 1, 5}));
    }

    static byte[] withHeader(final int next, final ExchangeType exchange, final byte[] body) {
        final byte[] wire = new byte[IkeHeader.LENGTH + body.length];
        wire[7] = 1;
        wire[16] = (byte) next;
        wire[17] = 0x20;
        wire[18] = (byte) exchange.value();
        wire[19] = IkeHeader.FLAG_INITIATOR;
        wire[26] = (byte) (wire.length >>> 8);
        wire[27] = (byte) wire.length;
        System.arraycopy(body, 0, wire, IkeHeader.LENGTH, body.length);
        return wire;
    }

    private static void assertDrop(final byte[] wire, final TestSkCipher cipher) {
        final DecodeException e = assertThrows(DecodeException.class, () -> decode(wire, cipher));
        assertTrue(e.silentDrop(), e.toString());
    }
}
