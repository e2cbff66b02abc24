package org.jswan.nativeio.tun;

import java.nio.ByteBuffer;

/**
 * GRO for the TUN write path (wireguard-go {@code tun/offload_linux.go}, Linux {@code tcp_gro_receive}): consecutive
 * TCP segments of one flow in a batch are merged into one super-packet that the device gets in a single write with
 * a {@link VirtioNetHeader} asking for segmentation ({@code GSO_TCPV4/6}, {@code NEEDS_CSUM}). The kernel then
 * forwards or delivers one large packet instead of many; one writev(2) replaces up to {@link #MAX_SEGMENTS} writes,
 * its first iovec the merged headers ({@link #buildHeader}), the others the segments' payloads where they lie.
 *
 * <p>A segment joins the open item of its flow when everything but the sequence number and payload matches: IP
 * version, addresses, IPv4 TOS, TTL and DF (no options, no fragments) or IPv6 first word and hop limit (no
 * extension headers), ports, ACK number, data offset, flags (ACK, PSH only on the last), window and option bytes;
 * its sequence number continues the item, its payload is no longer than the first one's, and the merged packet fits
 * 65535 bytes. A shorter segment or PSH ends the item, as does any other packet of the same flow, so a flow's
 * packets keep their order. Items are written in the order of their first packet. Checksums of the merged segments
 * are not verified (ESP authenticated them; the kernel recomputes them when it segments).
 *
 * <p>Not thread-safe: owned by the device's writer.
 */
final class TcpCoalescer {
    static final int MAX_SEGMENTS = 64;
    private static final int MAX_IP = 0xFFFF;
    private static final int PROTO_TCP = 6;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    /** SYN, FIN, RST, URG, ECE, CWR: such segments are never merged. */
    private static final int NOT_MERGEABLE = 0x02 | 0x01 | 0x04 | 0x20 | 0x40 | 0x80;

    private final int[] ipLength;
    /** TCP header length, 0 if not TCP. */
    private final int[] tcpLength;
    /** Payload length if the segment may be merged, else -1. */
    private final int[] payload;
    private final int[] next;
    private final int[] head;
    private final int[] tail;
    private final int[] segments;
    private final int[] bytes;
    private final int[] nextSeq;
    private final boolean[] open;
    private int items;

    TcpCoalescer(final int capacity) {
        ipLength = new int[capacity];
        tcpLength = new int[capacity];
        payload = new int[capacity];
        next = new int[capacity];
        head = new int[capacity];
        tail = new int[capacity];
        segments = new int[capacity];
        bytes = new int[capacity];
        nextSeq = new int[capacity];
        open = new boolean[capacity];
    }

    /** Groups the batch's packets into items; returns how many. */
    int plan(final PacketBatch batch) {
        items = 0;
        int n = Math.min(batch.count(), next.length);
        for (int i = 0; i < n; i++) {
            ByteBuffer b = batch.slot(i);
            int off = batch.offset(i);
            parse(i, b, off, batch.length(i));
            next[i] = -1;
            int item = tcpLength[i] == 0 ? -1 : openItemOfFlow(batch, b, off, i);
            if (item >= 0) {
                if (canAppend(batch, item, b, off, i)) {
                    append(item, b, off, i);
                    continue;
                }
                open[item] = false; // another packet of the flow: the item ends here, order is kept
            }
            int k = items++;
            head[k] = i;
            tail[k] = i;
            segments[k] = 1;
            bytes[k] = payload[i];
            nextSeq[k] = payload[i] < 0 ? 0 : b.getInt(off + ipLength[i] + 4) + payload[i];
            open[k] = payload[i] > 0 && (flags(b, off, i) & PSH) == 0;
        }
        return items;
    }

    int head(final int item) {
        return head[item];
    }

    int segments(final int item) {
        return segments[item];
    }

    private void parse(final int i, final ByteBuffer b, final int off, final int len) {
        tcpLength[i] = 0;
        payload[i] = -1;
        if (len < 40) {
            return;
        }
        int version = (b.get(off) & 0xff) >>> 4;
        int ip;
        if (version == 4) {
            ip = (b.get(off) & 0x0f) * 4;
            if (b.get(off + 9) != PROTO_TCP || (b.getShort(off + 2) & 0xffff) != len) {
                return;
            }
            if (ip != 20 || (b.getShort(off + 6) & 0x3fff) != 0) {
                ip = -1; // options or a fragment: TCP, but never merged
            }
        } else if (version == 6) {
            ip = 40;
            if (len < 60 || b.get(off + 6) != PROTO_TCP || (b.getShort(off + 4) & 0xffff) + 40 != len) {
                return;
            }
        } else {
            return;
        }
        int ipLen = ip < 0 ? (b.get(off) & 0x0f) * 4 : ip;
        if (ipLen + 20 > len) {
            return;
        }
        int tcp = ((b.get(off + ipLen + 12) & 0xff) >>> 4) * 4;
        if (tcp < 20 || ipLen + tcp > len) {
            return;
        }
        ipLength[i] = ipLen;
        tcpLength[i] = tcp;
        int f = b.get(off + ipLen + 13) & 0xff;
        if (ip > 0 && (f & ACK) != 0 && (f & NOT_MERGEABLE) == 0) {
            payload[i] = len - ipLen - tcp;
        }
    }

    private int flags(final ByteBuffer b, final int off, final int i) {
        return b.get(off + ipLength[i] + 13) & 0xff;
    }

    /** The latest open item whose flow (version, addresses, ports) is packet i's, or -1. */
    private int openItemOfFlow(final PacketBatch batch, final ByteBuffer b, final int off, final int i) {
        for (int k = items - 1; k >= 0; k--) {
            if (!open[k]) {
                continue;
            }
            int h = head[k];
            ByteBuffer hb = batch.slot(h);
            int ho = batch.offset(h);
            if (ipLength[h] != ipLength[i] || hb.get(ho) >>> 4 != b.get(off) >>> 4) {
                continue;
            }
            boolean v4 = ipLength[i] == 20;
            int addrOff = v4 ? 12 : 8;
            int addrLen = v4 ? 8 : 32;
            if (equal(hb, ho + addrOff, b, off + addrOff, addrLen)
                    && hb.getInt(ho + ipLength[h]) == b.getInt(off + ipLength[i])) {
                return k;
            }
        }
        return -1;
    }

    private boolean canAppend(final PacketBatch batch, final int k, final ByteBuffer b, final int off, final int i) {
        int h = head[k];
        int gso = payload[h];
        int p = payload[i];
        if (p <= 0 || p > gso || segments[k] >= MAX_SEGMENTS || tcpLength[i] != tcpLength[h]
                || ipLength[h] + tcpLength[h] + bytes[k] + p > MAX_IP) {
            return false;
        }
        ByteBuffer hb = batch.slot(h);
        int ho = batch.offset(h);
        if (ipLength[i] == 20) {
            if (hb.get(ho + 1) != b.get(off + 1) || hb.getShort(ho + 6) != b.getShort(off + 6)
                    || hb.get(ho + 8) != b.get(off + 8)) {
                return false; // TOS, DF, TTL
            }
        } else if (hb.getInt(ho) != b.getInt(off) || hb.get(ho + 7) != b.get(off + 7)) {
            return false; // traffic class, flow label, hop limit
        }
        int ht = ho + ipLength[h];
        int t = off + ipLength[i];
        if (b.getInt(t + 4) != nextSeq[k] || hb.getInt(ht + 8) != b.getInt(t + 8)) {
            return false; // sequence continues, same ACK
        }
        // data offset, flags (PSH may differ) and window (Linux tcp_gro_receive compares the same word)
        if (((hb.getInt(ht + 12) ^ b.getInt(t + 12)) & ~(PSH << 16)) != 0) {
            return false;
        }
        return equal(hb, ht + 20, b, t + 20, tcpLength[i] - 20);
    }

    private void append(final int k, final ByteBuffer b, final int off, final int i) {
        next[tail[k]] = i;
        tail[k] = i;
        segments[k]++;
        bytes[k] += payload[i];
        nextSeq[k] += payload[i];
        if (payload[i] < payload[head[k]] || (flags(b, off, i) & PSH) != 0) {
            open[k] = false; // only the last segment may be shorter or push
        }
    }

    private static boolean equal(final ByteBuffer a, final int ao, final ByteBuffer b, final int bo, final int len) {
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            if (a.getInt(ao + i) != b.getInt(bo + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (a.get(ao + i) != b.get(bo + i)) {
                return false;
            }
        }
        return true;
    }

    /** The segment after {@code i} in its item, or -1: an item's segments run from {@link #head} on. */
    int next(final int i) {
        return next[i];
    }

    /** Where segment {@code i}'s payload starts in its slot. */
    int payloadOffset(final PacketBatch batch, final int i) {
        return batch.offset(i) + ipLength[i] + tcpLength[i];
    }

    int payloadLength(final int i) {
        return payload[i];
    }

    /**
     * Writes the front of item {@code k} (two or more segments) at {@code at} in {@code out}: the virtio header and
     * the first segment's IP and TCP headers with the merged lengths, a fresh IPv4 header checksum and the TCP
     * checksum field holding the pseudo-header sum the kernel completes ({@code NEEDS_CSUM}). The payloads follow
     * it as they are, segment after segment ({@link #next}, {@link #payloadOffset}): the device takes them in the
     * same write (writev), so they are never copied here.
     *
     * @return bytes written: the virtio header and the IP and TCP headers
     */
    int buildHeader(final PacketBatch batch, final int k, final ByteBuffer out, final int at) {
        int h = head[k];
        ByteBuffer hb = batch.slot(h);
        int ho = batch.offset(h);
        int ip = ipLength[h];
        int hdr = ip + tcpLength[h];
        int p = at + VirtioNetHeader.LENGTH;
        out.put(p, hb, ho, hdr);
        boolean push = false;
        for (int i = h; i >= 0; i = next[i]) {
            push |= (flags(batch.slot(i), batch.offset(i), i) & PSH) != 0;
        }
        int total = hdr + bytes[k];
        if (push) {
            out.put(p + ip + 13, (byte) (out.get(p + ip + 13) | PSH));
        }
        long sum;
        if (ip == 20) {
            out.putShort(p + 2, (short) total);
            out.putShort(p + 10, (short) 0);
            out.putShort(p + 10, (short) ~fold(sumWords(out, p, 20)));
            sum = sumWords(out, p + 12, 8);
        } else {
            out.putShort(p + 4, (short) (total - 40));
            sum = sumWords(out, p + 8, 32);
        }
        sum += PROTO_TCP + (total - ip); // pseudo-header: protocol and TCP length (RFC 793, RFC 8200 §8.1)
        out.putShort(p + ip + 16, (short) fold(sum)); // partial: not inverted, the kernel finishes it
        VirtioNetHeader.put(out, at, VirtioNetHeader.FLAG_NEEDS_CSUM,
                ip == 20 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6, hdr, payload[h], ip, 16);
        return VirtioNetHeader.LENGTH + hdr;
    }

    private static long sumWords(final ByteBuffer b, final int off, final int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            s += b.getShort(off + i) & 0xffff;
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
}
