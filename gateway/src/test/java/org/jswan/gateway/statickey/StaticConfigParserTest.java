package org.jswan.gateway.statickey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.jswan.esp.api.Mode;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.crypto.EspTransformFactory;
import org.junit.jupiter.api.Test;

class StaticConfigParserTest {
    private static final Path FILE = Path.of("site.conf");
    private static final String GCM_KEY = "000102030405060708090a0b0c0d0e0f10111213";
    private static final String GCM_KEY2 = "202122232425262728292a2b2c2d2e2f30313233";

    private static StaticTunnelConfig parse(final String text) throws StaticConfigException {
        return new StaticConfigParser().parse(FILE, List.of(text.split("\n")));
    }

    private static String tunnel(final String extra) {
        return "local = 10.99.0.1   # us\n"
                + "remote = 10.99.0.2\n"
                + "local_ts = 10.1.0.0/24, 10.3.0.0/16\n"
                + "remote_ts = 10.2.0.0/24\n"
                + "out.spi = 0xc0000001\n"
                + "out.alg = aes128gcm16\n"
                + "out.enc_key = 0x" + GCM_KEY + "\n"
                + "in.spi = 3221225474\n"
                + "in.alg = aes128gcm16\n"
                + "in.enc_key = " + GCM_KEY2 + "\n"
                + extra;
    }

    @Test
    void tunnelWithDefaults() throws Exception {
        StaticTunnelConfig c = parse(tunnel(""));
        assertEquals(InetAddress.getByName("10.99.0.1"), c.local());
        assertEquals(InetAddress.getByName("10.99.0.2"), c.remote());
        assertTrue(c.udpEncap());
        assertEquals(4500, c.localPort());
        assertEquals(4500, c.remotePort());
        assertEquals(Mode.TUNNEL, c.mode());
        assertEquals(List.of(TrafficSelector.of(InetAddress.getByName("10.1.0.0"), 24),
                TrafficSelector.of(InetAddress.getByName("10.3.0.0"), 16)), c.localTs());
        assertEquals("jswan0", c.tun());
        assertEquals(1400, c.mtu());
        assertNull(c.routeSource());
        assertEquals(0xc0000001, c.out().spi());
        assertEquals(0xc0000002, c.in().spi());
        assertArrayEquals(HexFormat.of().parseHex(GCM_KEY), c.out().encryptionKey());
        assertEquals(0, c.out().integrityKey().length);
        assertFalse(c.out().toString().contains("0001020304"), "keys never reach toString()");
    }

    @Test
    void transportModeDefaultsSelectorsToTheOuterAddresses() throws Exception {
        StaticTunnelConfig c = parse("local = 10.99.0.1\nremote = 10.99.0.2\nmode = transport\nencap = none\n"
                + "out.spi = 0x1000\nout.alg = aes256-sha512\nout.enc_key = " + "11".repeat(32)
                + "\nout.integ_key = " + "22".repeat(64) + "\nin.spi = 0x1001\nin.alg = aes128-sha256\n"
                + "in.enc_key = " + "33".repeat(16) + "\nin.integ_key = " + "44".repeat(32) + "\n");
        assertEquals(Mode.TRANSPORT, c.mode());
        assertFalse(c.udpEncap());
        assertEquals(List.of(TrafficSelector.of(InetAddress.getByName("10.99.0.1"), 32)), c.localTs());
        assertEquals(List.of(TrafficSelector.of(InetAddress.getByName("10.99.0.2"), 32)), c.remoteTs());
        assertEquals(EspTransformFactory.AUTH_HMAC_SHA2_512_256, c.out().algorithm().integId());
        assertEquals(256, c.out().algorithm().keyBits());
        assertEquals(EspTransformFactory.AUTH_HMAC_SHA2_256_128, c.in().algorithm().integId());
    }

    @Test
    void esnWithStartingSequenceNumbersAcross2To32() throws Exception {
        StaticTunnelConfig c = parse(tunnel("esn = yes\nout.seq = 0xfffffffe\nin.seq = 4294967280\n"));
        assertTrue(c.esn());
        assertEquals(32, c.replayWindow(), "ESN needs a window; 32 by default like strongSwan");
        assertEquals(0xFFFF_FFFEL, c.out().initialSeq());
        assertEquals(0xFFFF_FFF0L, c.in().initialSeq());
        assertEquals(1L << 40, parse(tunnel("esn = yes\nout.seq = 0x10000000000\n")).out().initialSeq());
        assertFalse(parse(tunnel("")).esn());
        assertEquals(0, parse(tunnel("")).replayWindow(), "manual keys: no window by default (RFC 4301 §4.5)");
        assertThrows(StaticConfigException.class, () -> parse(tunnel("out.seq = 0x100000000\n")),
                "beyond 32 bits without ESN");
        assertThrows(StaticConfigException.class, () -> parse(tunnel("esn = yes\nreplay_window = 0\n")));
        assertThrows(StaticConfigException.class, () -> parse(tunnel("esn = maybe\n")));
    }

    @Test
    void algorithmsResolveToIanaIdsAndKeyLengths() {
        EspAlgorithm gcm = EspAlgorithm.parse("aes256gcm16");
        assertEquals(EspTransformFactory.ENCR_AES_GCM_16, gcm.encrId());
        assertEquals(36, gcm.encryptionKeyLength(), "RFC 4106 §8.1: 32-byte key + 4-byte salt");
        EspAlgorithm chacha = EspAlgorithm.parse("chacha20poly1305");
        assertEquals(EspTransformFactory.ENCR_CHACHA20_POLY1305, chacha.encrId());
        assertEquals(36, chacha.encryptionKeyLength(), "RFC 7634 §2: 32-byte key + 4-byte salt");
        EspAlgorithm cbc = EspAlgorithm.parse("AES128-SHA384");
        assertEquals(EspTransformFactory.ENCR_AES_CBC, cbc.encrId());
        assertEquals(EspTransformFactory.AUTH_HMAC_SHA2_384_192, cbc.integId());
        assertEquals(16, cbc.encryptionKeyLength());
        assertEquals(48, cbc.integrityKeyLength());
        assertThrows(IllegalArgumentException.class, () -> EspAlgorithm.parse("aes128-md5"));
        assertThrows(IllegalArgumentException.class, () -> EspAlgorithm.parse("3des"));
    }

    @Test
    void errorsNameFileLineAndKey() {
        StaticConfigException e = assertThrows(StaticConfigException.class, () -> parse(tunnel("mode = tunel\n")));
        assertEquals("site.conf:11: mode: expected tunnel or transport, got 'tunel'", e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("colour = blue\n")));
        assertEquals("site.conf:11: unknown key 'colour'", e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("remote = 10.99.0.3\n")));
        assertEquals("site.conf:11: 'remote' given twice", e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("remote = 10.99.0.2\n", "")));
        assertEquals("site.conf: 'remote' is missing", e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("local = 10.99.0.1",
                "local = gw.example.org")));
        assertTrue(e.getMessage().contains("not an IP address"), e.getMessage());
    }

    @Test
    void rejectsWrongKeyLengthsReservedSpisAndBadHex() {
        StaticConfigException e = assertThrows(StaticConfigException.class,
                () -> parse(tunnel("").replace(GCM_KEY, GCM_KEY.substring(8))));
        assertTrue(e.getMessage().contains("20-byte encryption key (key followed by the 4-byte salt), got 16"),
                e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("0xc0000001", "255")));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("3221225474", "0xc0000001")));
        assertTrue(e.getMessage().contains("must differ"), e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("0x" + GCM_KEY, "0x123")));
        assertTrue(e.getMessage().contains("hex"), e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("out.alg = aes128gcm16",
                "out.alg = aes128-sha256")));
        assertTrue(e.getMessage().contains("'out.integ_key' is missing"), e.getMessage());
        e = assertThrows(StaticConfigException.class, () -> parse(tunnel("").replace("10.2.0.0/24", "10.2.0.0/33")));
        assertTrue(e.getMessage().contains("prefix length outside 0..32"), e.getMessage());
    }

    @Test
    void recognisesRfc3948NonEspDatagrams() throws Exception {
        assertFalse(UdpEspSocket.isEsp(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF})), "NAT keepalive");
        assertFalse(UdpEspSocket.isEsp(java.nio.ByteBuffer.wrap(new byte[12])), "non-ESP marker (IKE)");
        assertTrue(UdpEspSocket.isEsp(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 0, 0, 0, 1})));
    }
}
