package org.jswan.nativeio.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/**
 * Which segments are merged and what the merged packet looks like: lengths, IPv4 header checksum, the partial TCP
 * checksum the kernel completes (checked by completing it as the kernel does and verifying the result), the virtio
 * header, and the payload bytes in order.
 */
class TcpCoalescerTest {
    private static final int HEADROOM = 32;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int SYN = 0x02;
    private static final byte[] A4 = {10, 0, 0, 1};
    private static final byte[] B4 = {10, 0, 0, 2};

    private final PacketBatch batch = new PacketBatch(16, HEADROOM + 1600);
    private final TcpCoalescer gro = new TcpCoalescer(16);

    /** An IPv4 TCP segment with valid checksums; payload byte k is {@code (seq + k)}. */
    private void v4(final int i, final int srcPort, final int seq, final int len, final int flags) {
        ByteBuffer b = batch.slot(i);
        int o = HEADROOM;
        int total = 20 + 32 + len;
        b.put(o, (byte) 0x45).put(o + 1, (byte) 0).putShort(o + 2, (short) total).putShort(o + 4, (short) i)
                .putShort(o + 6, (short) 0x4000).put(o + 8, (byte) 64).put(o + 9, (byte) 6).putShort(o + 10, (short) 0)
                .put(o + 12, A4).put(o + 16, B4);
        b.putShort(o + 10, (short) ~fold(sum(b, o, 20)));
        tcp(b, o + 20, srcPort, seq, len, flags);
        long pseudo = sum(b, o + 12, 8) + 6 + 32 + len;
        b.putShort(o + 20 + 16, (short) ~fold(pseudo + sum(b, o + 20, 32 + len)));
        batch.set(i, o, total);
    }

    private void v6(final int i, final int seq, final int len) {
        ByteBuffer b = batch.slot(i);
        int o = HEADROOM;
        b.putInt(o, 0x6000_0000).putShort(o + 4, (short) (32 + len)).put(o + 6, (byte) 6).put(o + 7, (byte) 64);
        for (int k = 0; k < 32; k++) {
            b.put(o + 8 + k, (byte) (k < 16 ? 0x20 : 0x30));
        }
        tcp(b, o + 40, 5000, seq, len, ACK);
        long pseudo = sum(b, o + 8, 32) + 6 + 32 + len;
        b.putShort(o + 40 + 16, (short) ~fold(pseudo + sum(b, o + 40, 32 + len)));
        batch.set(i, o, 40 + 32 + len);
    }

    private static void tcp(final ByteBuffer b, final int t, final int srcPort, final int seq, final int len,
            final int flags) {
        b.putShort(t, (short) srcPort).putShort(t + 2, (short) 80).putInt(t + 4, seq).putInt(t + 8, 777)
                .put(t + 12, (byte) (8 << 4)).put(t + 13, (byte) flags).putShort(t + 14, (short) 500)
                .putInt(t + 16, 0).putInt(t + 20, 0x0101080a).putInt(t + 24, 1234).putInt(t + 28, 5678);
        for (int k = 0; k < len; k++) {
            b.put(t + 32 + k, (byte) (seq + k));
        }
    }

    private static long sum(final ByteBuffer b, final int off, final int len) {
        long s = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            s += b.getShort(off + i) & 0xffff;
        }
        if ((len & 1) != 0) {
            s += (b.get(off + len - 1) & 0xff) << 8;
        }
        return s;
    }

    private static int fold(final long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    private int plan(final int n) {
        batch.count(n);
        return gro.plan(batch);
    }

    @Test
    void consecutiveSegmentsBecomeOneGsoPacketWithAChecksumTheKernelCanFinish() {
        v4(0, 4000, 1000, 1000, ACK);
        v4(1, 4000, 2000, 1000, ACK);
        v4(2, 4000, 3000, 1000, ACK);
        v4(3, 4000, 4000, 300, ACK | PSH);
        assertEquals(1, plan(4));
        assertEquals(4, gro.segments(0));
        ByteBuffer out = ByteBuffer.allocateDirect(70_000);
        int n = merged(batch, 0, out);
        int p = VirtioNetHeader.LENGTH;
        int total = 20 + 32 + 3300;
        assertEquals(VirtioNetHeader.LENGTH + total, n);
        assertEquals(VirtioNetHeader.FLAG_NEEDS_CSUM, VirtioNetHeader.flags(out, 0));
        assertEquals(VirtioNetHeader.GSO_TCPV4, VirtioNetHeader.gsoType(out, 0));
        assertEquals(1000, VirtioNetHeader.gsoSize(out, 0));
        assertEquals(52, out.get(2) & 0xff, "hdr_len");
        assertEquals(20, out.get(6) & 0xff, "csum_start");
        assertEquals(16, out.get(8) & 0xff, "csum_offset");
        assertEquals(total, out.getShort(p + 2) & 0xffff);
        assertEquals(0xffff, fold(sum(out, p, 20)), "IPv4 header checksum");
        assertEquals(PSH | ACK, out.get(p + 33) & 0xff, "the last segment's PSH is kept");
        // Finish the checksum as the kernel does (sum from csum_start with the partial in place), then verify it.
        int t = p + 20;
        out.putShort(t + 16, (short) ~fold(sum(out, t, total - 20)));
        assertEquals(0xffff, fold(sum(out, p + 12, 8) + 6 + (total - 20) + sum(out, t, total - 20)));
        for (int k = 0; k < 3300; k++) {
            assertEquals((byte) (1000 + k), out.get(t + 32 + k), "payload byte " + k);
        }
    }

    @Test
    void gapsOtherFlowsAndPureAcksKeepEachFlowInOrder() {
        v4(0, 4000, 1000, 1000, ACK);
        v4(1, 4001, 9000, 1000, ACK); // another flow, interleaved
        v4(2, 4000, 2000, 1000, ACK);
        v4(3, 4001, 10000, 1000, ACK);
        v4(4, 4000, 3000, 0, ACK); // pure ACK of flow 4000: ends its item
        v4(5, 4000, 3000, 1000, ACK);
        v4(6, 4001, 12000, 1000, ACK); // gap in flow 4001
        assertEquals(5, plan(7));
        int[][] expected = {{0, 2}, {1, 2}, {4, 1}, {5, 1}, {6, 1}};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k][0], gro.head(k), "head of item " + k);
            assertEquals(expected[k][1], gro.segments(k), "segments of item " + k);
        }
    }

    @Test
    void syncLongerSegmentsAndPushEndOrPreventMerging() {
        v4(0, 4000, 1000, 0, SYN | ACK);
        v4(1, 4000, 1001, 500, ACK);
        v4(2, 4000, 1501, 800, ACK); // longer than the first: not merged
        v4(3, 4000, 2301, 800, ACK | PSH);
        v4(4, 4000, 3101, 800, ACK); // after PSH: new item
        assertEquals(4, plan(5));
        assertEquals(1, gro.segments(0));
        assertEquals(1, gro.segments(1));
        assertEquals(2, gro.head(2));
        assertEquals(2, gro.segments(2));
        assertEquals(4, gro.head(3));
    }

    @Test
    void ipv6SegmentsMergeAsTcpv6() {
        v6(0, 100, 1200);
        v6(1, 1300, 1200);
        v6(2, 2500, 1200);
        assertEquals(1, plan(3));
        ByteBuffer out = ByteBuffer.allocateDirect(70_000);
        int n = merged(batch, 0, out);
        int p = VirtioNetHeader.LENGTH;
        int total = 40 + 32 + 3600;
        assertEquals(VirtioNetHeader.LENGTH + total, n);
        assertEquals(VirtioNetHeader.GSO_TCPV6, VirtioNetHeader.gsoType(out, 0));
        assertEquals(total - 40, out.getShort(p + 4) & 0xffff);
        int t = p + 40;
        out.putShort(t + 16, (short) ~fold(sum(out, t, total - 40)));
        assertEquals(0xffff, fold(sum(out, p + 8, 32) + 6 + (total - 40) + sum(out, t, total - 40)));
    }

    /** What TSO reads produce: cutting a merged packet again gives back the original segments byte for byte. */
    @Test
    void tcpSegmenterCutsTheSuperPacketBackIntoTheOriginalSegments() {
        int[] sizes = {1000, 1000, 1000, 300};
        for (int i = 0; i < sizes.length; i++) {
            v4(i, 4000, 1000 + 1000 * i, sizes[i], i == 3 ? ACK | PSH : ACK);
        }
        assertEquals(1, plan(4));
        ByteBuffer merged = ByteBuffer.allocateDirect(70_000);
        int n = merged(batch, 0, merged);
        int p = VirtioNetHeader.LENGTH;
        int len = n - p;
        int hdr = TcpSegmenter.headerLength(merged, p, len);
        assertEquals(52, hdr);
        int gso = VirtioNetHeader.gsoSize(merged, 0);
        assertEquals(4, TcpSegmenter.segments(len, hdr, gso));
        ByteBuffer out = ByteBuffer.allocate(2000);
        for (int k = 0; k < 4; k++) {
            int segLen = TcpSegmenter.segment(merged, new OnesComplementSummer(merged), p, len, hdr, gso, k, out, 7);
            assertEquals(batch.length(k), segLen);
            for (int j = 0; j < segLen; j++) {
                assertEquals(batch.slot(k).get(HEADROOM + j), out.get(7 + j), "segment " + k + " byte " + j);
            }
        }
    }

    @Test
    void tcpSegmenterCompletesAPartialChecksum() {
        v4(0, 4000, 1000, 333, ACK); // odd payload length
        ByteBuffer b = batch.slot(0);
        short good = b.getShort(HEADROOM + 36);
        int len = batch.length(0);
        b.putShort(HEADROOM + 36, (short) fold(sum(b, HEADROOM + 12, 8) + 6 + (len - 20)));
        assertEquals(true, TcpSegmenter.completeChecksum(b, new OnesComplementSummer(b), HEADROOM, len, 20, 16));
        assertEquals(good, b.getShort(HEADROOM + 36));
        assertEquals(false, TcpSegmenter.completeChecksum(b, new OnesComplementSummer(b), HEADROOM, len, len - 1, 16));
    }

    /** What the device's writev hands the kernel for item {@code k}: the merged headers, then each payload. */
    private int merged(final PacketBatch b, final int k, final ByteBuffer out) {
        int w = gro.buildHeader(b, k, out, 0);
        for (int i = gro.head(k); i >= 0; i = gro.next(i)) {
            out.put(w, b.slot(i), gro.payloadOffset(b, i), gro.payloadLength(i));
            w += gro.payloadLength(i);
        }
        return w;
    }
}
