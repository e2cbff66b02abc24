package org.jswan.ike.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jswan.ike.message.EapPayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.message.Transform;
import org.jswan.ike.message.TransformType;
import org.jswan.ike.message.TsPayload;
import org.jswan.ike.message.UnknownPayload;
import org.jswan.ike.message.VendorIdPayload;
import org.jswan.ike.message.WireReader;
import org.jswan.ike.message.WireWriter;
import org.junit.jupiter.api.Test;

class PayloadChainCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] encode(final List<Payload> payloads) {
        final WireWriter w = new WireWriter();
        PayloadChainCodec.encode(payloads, w);
        return w.toByteArray();
    }

    private static List<Payload> decode(final PayloadType first, final byte[] chain) throws DecodeException {
        return PayloadChainCodec.decode(first, new WireReader(chain));
    }

    @Test
    void everyPayloadRoundTripsAlone() throws DecodeException {
        for (final Payload p : Samples.everyPayload()) {
            final byte[] wire = encode(List.of(p));
            final List<Payload> back = decode(p.type(), wire);
            assertEquals(1, back.size(), p.type().toString());
            assertEquals(p.getClass(), back.get(0).getClass());
            assertEquals(p.type(), back.get(0).type());
            assertArrayEquals(wire, encode(back), p.type().toString());
        }
    }

    @Test
    void everyPayloadRoundTripsInOneChain() throws DecodeException {
        final List<Payload> all = Samples.everyPayload();
        final byte[] wire = encode(all);
        final List<Payload> back = decode(all.get(0).type(), wire);
        assertEquals(all.size(), back.size());
        assertArrayEquals(wire, encode(back));
        final SaPayload sa = (SaPayload) back.get(0);
        assertEquals(2, sa.proposals().size());
        assertEquals(256, sa.proposals().get(0).transforms().get(0).keyLength());
        assertEquals(-1, sa.proposals().get(0).transforms().get(1).keyLength());
        final TsPayload tsi = (TsPayload) back.stream().filter(p -> p.type().equals(PayloadType.TSI)).findFirst()
                .orElseThrow();
        assertEquals(Samples.ip("2001:db8::ffff"), tsi.selectors().get(1).endAddress());
        assertEquals(443, tsi.selectors().get(1).startPort());
        final EapPayload eap = (EapPayload) back.get(back.size() - 2);
        assertEquals(EapPayload.RESPONSE, eap.code());
        assertEquals(7, eap.identifier());
        assertEquals(1, eap.eapType());
    }

    /** RFC 7296 §3.3.2 / §3.3.5 diagrams: ENCR (1), AES-CBC (12), TV attribute Key Length (14) = 128 bits. */
    @Test
    void goldenTransformWithKeyLength() throws DecodeException {
        final SaPayload sa = new SaPayload(List.of(new org.jswan.ike.message.Proposal(1,
                org.jswan.ike.message.ProtocolId.IKE, new byte[0],
                List.of(Transform.withKeyLength(TransformType.ENCR, 12, 128)))));
        final byte[] wire = encode(List.of(sa));
        // SA header (next 0, len 24) | proposal: last, len 20, #1, IKE, spi 0, 1 transform |
        // transform: last, len 12, type 1, id 12 | attribute AF=1 type 14 value 128
        assertEquals("00000018" + "00000014" + "01010001" + "0000000c" + "0100000c" + "800e0080",
                HEX.formatHex(wire));
        assertEquals(128, ((SaPayload) decode(PayloadType.SA, wire).get(0)).proposals().get(0).transforms().get(0)
                .keyLength());
    }

    /** RFC 7296 §3.10 diagram: Notify with protocol 0, no SPI, type 16430 (IKEV2_FRAGMENTATION_SUPPORTED). */
    @Test
    void goldenNotify() throws DecodeException {
        final byte[] wire = encode(List.of(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED)));
        assertEquals("00000008" + "0000402e", HEX.formatHex(wire));
        final NotifyPayload n = (NotifyPayload) decode(PayloadType.NOTIFY, wire).get(0);
        assertEquals(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, n.notifyType());
        assertEquals("N(FRAG_SUP)", n.summaryName());
    }

    /** RFC 7296 §3.13.1 diagram: TS_IPV4_ADDR_RANGE, any protocol, ports 0-65535, 10.0.0.0-10.0.0.255. */
    @Test
    void goldenTrafficSelector() throws DecodeException {
        final TsPayload ts = new TsPayload(true, List.of(new org.jswan.ike.message.TrafficSelector(
                org.jswan.ike.message.TsType.TS_IPV4_ADDR_RANGE, 0, 0, 65535, Samples.ip("10.0.0.0"),
                Samples.ip("10.0.0.255"))));
        final byte[] wire = encode(List.of(ts));
        assertEquals("00000018" + "01000000" + "07000010" + "0000ffff" + "0a000000" + "0a0000ff", HEX.formatHex(wire));
        assertEquals(ts.selectors(), ((TsPayload) decode(PayloadType.TSI, wire).get(0)).selectors());
    }

    @Test
    void unknownNonCriticalPayloadIsKept() throws DecodeException {
        // unknown type 200, non-critical, then a Vendor ID
        final byte[] wire = HEX.parseHex("2b000006abcd" + "00000005ee");
        final List<Payload> back = decode(PayloadType.valueOf(200), wire);
        assertInstanceOf(UnknownPayload.class, back.get(0));
        assertInstanceOf(VendorIdPayload.class, back.get(1));
    }

    @Test
    void unknownCriticalPayloadIsRejectedWithItsType() {
        final byte[] wire = HEX.parseHex("00800006abcd");
        final DecodeException e = assertThrows(DecodeException.class,
                () -> decode(PayloadType.valueOf(200), wire));
        assertEquals(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, e.notifyType());
        assertArrayEquals(new byte[] {(byte) 200}, e.notifyData());
    }

    @Test
    void criticalBitOnKnownPayloadIsIgnored() throws DecodeException {
        final byte[] wire = HEX.parseHex("00800005ee");
        assertInstanceOf(VendorIdPayload.class, decode(PayloadType.VENDOR_ID, wire).get(0));
    }

    @Test
    void lengthFieldsOutOfRangeAreRejected() {
        assertSyntax(PayloadType.VENDOR_ID, "00000000");            // zero length
        assertSyntax(PayloadType.VENDOR_ID, "00000003");            // below the header
        assertSyntax(PayloadType.VENDOR_ID, "00000009eeee");        // beyond the data
        assertSyntax(PayloadType.VENDOR_ID, "00000005eeff");        // trailing bytes after the last payload
        assertSyntax(PayloadType.VENDOR_ID, "2b000005ee");          // next payload announced, no bytes left
        assertSyntax(PayloadType.VENDOR_ID, "000000");              // truncated header
    }

    @Test
    void nonceBoundsAreEnforced() throws DecodeException {
        assertSyntax(PayloadType.NONCE, "00000013" + "00".repeat(15));
        assertSyntax(PayloadType.NONCE, "00000105" + "00".repeat(257));
        assertEquals(16, ((NoncePayload) decode(PayloadType.NONCE, HEX.parseHex("00000014" + "00".repeat(16)))
                .get(0)).data().length);
        assertEquals(256, ((NoncePayload) decode(PayloadType.NONCE, HEX.parseHex("00000104" + "00".repeat(256)))
                .get(0)).data().length);
    }

    @Test
    void malformedBodiesAreRejected() {
        assertSyntax(PayloadType.SA, "00000008" + "00000004");                    // proposal length 4
        assertSyntax(PayloadType.SA, "0000000c" + "01000008" + "01010000");       // last substruc 1
        assertSyntax(PayloadType.SA, "00000010" + "0000000c" + "01010301" + "00000000"); // SPI size 3
        assertSyntax(PayloadType.SA, "0000000c" + "00000008" + "01010002");       // 2 transforms announced, 0
        assertSyntax(PayloadType.NOTIFY, "0000000a" + "0000001100");              // INVALID_KE with 1 byte
        assertSyntax(PayloadType.NOTIFY, "00000008" + "09004000");                // protocol 9
        assertSyntax(PayloadType.DELETE, "0000000c" + "03040002" + "01020304");  // 2 SPIs announced, 1 present
        assertSyntax(PayloadType.DELETE, "00000008" + "01080000");                // IKE with SPI size 8
        assertSyntax(PayloadType.TSI, "00000008" + "00000000");                   // no selectors
        assertSyntax(PayloadType.TSI, "00000018" + "01000000" + "07000014" + "0000ffff" + "0a0000000a0000ff");
        assertSyntax(PayloadType.TSI, "00000018" + "01000000" + "09000010" + "0000ffff" + "0a0000000a0000ff");
        assertSyntax(PayloadType.EAP, "00000009" + "0207000600");                 // EAP length 6 in 5 bytes
        assertSyntax(PayloadType.EAP, "00000008" + "01070004");                   // request without type
        assertSyntax(PayloadType.KE, "00000008" + "001f0000");                    // no key data
        assertSyntax(PayloadType.IDI, "0000000a" + "010000000a00");               // IPv4 ID of 2 bytes
    }

    @Test
    void tooManyPayloadsAreRejected() {
        final List<Payload> many = new ArrayList<>();
        for (int i = 0; i <= PayloadChainCodec.MAX_PAYLOADS; i++) {
            many.add(new VendorIdPayload(new byte[] {1}));
        }
        final byte[] wire = encode(many);
        final DecodeException e = assertThrows(DecodeException.class, () -> decode(PayloadType.VENDOR_ID, wire));
        assertEquals(NotifyType.INVALID_SYNTAX, e.notifyType());
        assertTrue(e.reason().contains("payloads"), e.reason());
    }

    @Test
    void nothingButDecodeExceptionOnTruncation() {
        final List<Payload> all = Samples.everyPayload();
        final byte[] wire = encode(all);
        for (int len = 0; len < wire.length; len++) {
            final byte[] cut = java.util.Arrays.copyOf(wire, len);
            assertThrows(DecodeException.class, () -> decode(all.get(0).type(), cut), "cut at " + len);
        }
    }

    @Test
    void emptyChainIsEmpty() throws DecodeException {
        assertTrue(decode(PayloadType.NONE, new byte[0]).isEmpty());
    }

    private static void assertSyntax(final PayloadType first, final String hex) {
        final DecodeException e = assertThrows(DecodeException.class, () -> decode(first, HEX.parseHex(hex)), hex);
        assertEquals(NotifyType.INVALID_SYNTAX, e.notifyType(), e.reason());
    }
}
