package org.jswan.esp.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.jswan.esp.VectorFile;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Framing;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.engine.Outbound;
import org.jswan.esp.packet.InnerPacket;
import org.jswan.esp.sa.SecurityAssociation;
import org.junit.jupiter.api.Test;

/**
 * RFC 3602 §4 case #5 run through {@link Outbound} in transport mode with {@link Framing#IP}: the original IPv4
 * header is kept and fixed up in place (total length, protocol 50, checksum), padding 1..14, and the published
 * packet comes out byte for byte. The case has no integrity, so the transform is built without a MAC.
 */
class Rfc3602EspPacketTest {

    @Test
    void transportModePacketMatchesCase5() throws Exception {
        List<Map<String, String>> cases = VectorFile.read("esp/aes-cbc/rfc3602-section4.txt");
        Map<String, String> v = cases.get(cases.size() - 1);
        byte[] iv = VectorFile.hex(v.get("iv"));
        byte[] original = concat(VectorFile.hex(v.get("ipheader")), VectorFile.hex(v.get("data")));
        byte[] expected = concat(concat(VectorFile.hex(v.get("outeripheader")),
                concat(VectorFile.hex(v.get("spi")), VectorFile.hex(v.get("seq")))),
                concat(iv, VectorFile.hex(v.get("ciphertext"))));

        SecureRandom fixedIv = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(final byte[] bytes) {
                System.arraycopy(iv, 0, bytes, 0, bytes.length);
            }
        };
        byte[] key = VectorFile.hex(v.get("key"));
        AesCbcHmacTransform t = new AesCbcHmacTransform(key, null, null, true, false, fixedIv);
        InetAddress src = InetAddress.getByName("192.168.123.3");
        InetAddress dst = InetAddress.getByName("192.168.123.100");
        EspEndpoint ep = new EspEndpoint(new InetSocketAddress(src, 0), new InetSocketAddress(dst, 0), false);
        SaSpec spec = new SaSpec(ByteBuffer.wrap(VectorFile.hex(v.get("spi"))).getInt(), Direction.OUTBOUND,
                Mode.TRANSPORT, 1, ep, EspTransformFactory.ENCR_AES_CBC, 0, 128, key, null, false, 0, null, null,
                List.of(TrafficSelector.of(src, 32)), List.of(TrafficSelector.of(dst, 32)), 0);
        SecurityAssociation sa = new SecurityAssociation(spec, t);

        ByteBuffer buf = ByteBuffer.allocateDirect(96 + original.length + 64);
        buf.put(96, original);
        InnerPacket p = new InnerPacket();
        p.parse(buf, 96, original.length);
        Outbound out = new Outbound(Framing.IP);
        assertNull(out.encap(sa, buf, 96, original.length, p));
        byte[] got = new byte[out.resultLength()];
        buf.get(out.resultOffset(), got);
        assertArrayEquals(expected, got);
    }

    private static byte[] concat(final byte[] a, final byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
