package org.jswan.gateway.wire;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

/**
 * One tunnel of the wire matrix: algorithm, mode and encapsulation, with its own addresses, port, SPIs and keys
 * (random test keys, written into both jswan's static file and the decoders' SA tables).
 */
record WireCase(int index, String algorithm, boolean tunnel, boolean udp, boolean outer6, boolean inner6,
        int outSpi, int inSpi, String outKey, String outIntegKey, String inKey, String inIntegKey, boolean esn) {
    static final String JSWAN_OUTER4 = "10.99.0.1";
    static final String JSWAN_OUTER6 = "fd99::1";
    static final int PEER_PORT = 4500;
    /**
     * ESN cases: jswan's outbound counter starts here ({@code out.seq}), so its four packets carry 2^32 - 1, 2^32,
     * 2^32 + 1, 2^32 + 2: the low 32 bits on the wire wrap to 0 and the high bits move to 1 (RFC 4304 §2).
     */
    static final long ESN_OUT_SEQ = 0xFFFF_FFFEL;
    /** ESN cases: jswan's replay window starts with this top ({@code in.seq}); Scapy then sends 2^32 - 1, 2^32, ... */
    static final long ESN_IN_SEQ = 0xFFFF_FFF0L;

    static WireCase of(final int index, final String algorithm, final boolean tunnel, final boolean udp,
            final Random random) {
        return of(index, algorithm, tunnel, udp, false, false, random);
    }

    /** Transport mode protects the outer addresses' own traffic, so there {@code inner6 == outer6}. */
    static WireCase of(final int index, final String algorithm, final boolean tunnel, final boolean udp,
            final boolean outer6, final boolean inner6, final Random random) {
        int keyLen = switch (algorithm) {
            case "aes128gcm16" -> 20;
            case "aes256gcm16", "chacha20poly1305" -> 36;
            default -> algorithm.startsWith("aes128") ? 16 : 32;
        };
        int integLen = switch (algorithm.contains("-") ? algorithm.substring(algorithm.indexOf('-') + 1) : "") {
            case "sha256" -> 32;
            case "sha384" -> 48;
            case "sha512" -> 64;
            default -> 0;
        };
        return new WireCase(index, algorithm, tunnel, udp, outer6, tunnel ? inner6 : outer6, 0xc1000000 + index,
                0xc2000000 + index, hex(random, keyLen), hex(random, integLen), hex(random, keyLen), hex(random, integLen),
                false);
    }

    /** The same case with 64-bit extended sequence numbers whose counters start just below 2^32. */
    WireCase withEsn() {
        return new WireCase(index, algorithm, tunnel, udp, outer6, inner6, outSpi, inSpi, outKey, outIntegKey, inKey,
                inIntegKey, true);
    }

    private static String hex(final Random random, final int len) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String name() {
        String family = outer6 == inner6 ? (outer6 ? "ipv6" : "ipv4") : (inner6 ? "ipv6-in-ipv4" : "ipv4-in-ipv6");
        return algorithm + "/" + (tunnel ? "tunnel" : "transport") + "/" + (udp ? "udp" : "esp") + "/" + family
                + (esn ? "/esn" : "");
    }

    String jswanOuter() {
        return outer6 ? JSWAN_OUTER6 : JSWAN_OUTER4;
    }

    boolean aead() {
        return !algorithm.contains("-");
    }

    String tun() {
        return "jw" + index;
    }

    /** The peer's outer address: one per case, so transport-mode routing rules do not overlap. */
    String peerOuter() {
        return outer6 ? "fd99::" + Integer.toHexString(10 + index) : "10.99.0." + (10 + index);
    }

    int jswanPort() {
        return 4600 + index;
    }

    /** Inner source of jswan's traffic: an address behind jswan (tunnel) or its outer address (transport). */
    String jswanInner() {
        return tunnel ? innerAddress(1) : jswanOuter();
    }

    String peerInner() {
        return tunnel ? innerAddress(2) : peerOuter();
    }

    /** Addresses in canonical text form (RFC 5952), as Scapy and tshark print them. */
    private String innerAddress(final int side) {
        return inner6 ? "fd0" + side + ":" + Integer.toHexString(index + 1) + "::1" : "10." + side + "." + index + ".1";
    }

    private String innerSubnet(final int side) {
        return inner6 ? "fd0" + side + ":" + Integer.toHexString(index + 1) + "::/64" : "10." + side + "." + index
                + ".0/24";
    }

    /** ICMP(v6) echo request and reply types (RFC 792, RFC 4443 §4). */
    int echoRequest() {
        return inner6 ? 128 : 8;
    }

    int echoReply() {
        return inner6 ? 129 : 0;
    }

    /** ESP next header: the inner IP version in tunnel mode, ICMP(v6) in transport mode (RFC 4303 §2.6). */
    int nextHeader() {
        return tunnel ? (inner6 ? 41 : 4) : (inner6 ? 58 : 1);
    }

    /** ICMP id of the echo requests Scapy sends, so their replies are told apart from the ping's. */
    int icmpId() {
        return 0x5100 + index;
    }

    /** The static-key file of `jswan static`. */
    String staticConfig() {
        StringBuilder b = new StringBuilder("# wire test case " + name() + "\n")
                .append("local = ").append(jswanOuter()).append('\n')
                .append("remote = ").append(peerOuter()).append('\n')
                .append("encap = ").append(udp ? "udp" : "none").append('\n')
                .append("local_port = ").append(jswanPort()).append('\n')
                .append("remote_port = ").append(PEER_PORT).append('\n')
                .append("mode = ").append(tunnel ? "tunnel" : "transport").append('\n');
        if (tunnel) {
            b.append("local_ts = ").append(innerSubnet(1)).append('\n');
            b.append("remote_ts = ").append(innerSubnet(2)).append('\n');
        }
        b.append("tun = ").append(tun()).append('\n');
        if (esn) {
            b.append("esn = yes\nout.seq = 0x").append(Long.toHexString(ESN_OUT_SEQ)).append("\nin.seq = 0x")
                    .append(Long.toHexString(ESN_IN_SEQ)).append('\n');
        }
        sa(b, "out", outSpi, outKey, outIntegKey);
        sa(b, "in", inSpi, inKey, inIntegKey);
        return b.toString();
    }

    private void sa(final StringBuilder b, final String dir, final int spi, final String key, final String integ) {
        b.append(dir).append(".spi = 0x").append(String.format("%08x", spi)).append('\n');
        b.append(dir).append(".alg = ").append(algorithm).append('\n');
        b.append(dir).append(".enc_key = 0x").append(key).append('\n');
        if (!integ.isEmpty()) {
            b.append(dir).append(".integ_key = 0x").append(integ).append('\n');
        }
    }

    /** This case as an entry of esp_scapy.py's CASES.json. */
    String scapyJson() {
        return String.format(Locale.ROOT, "{\"name\": \"%s\", \"mode\": \"%s\", \"encap\": \"%s\", \"jswan\": \"%s\", "
                + "\"peer\": \"%s\", \"jswan_port\": %d, \"peer_port\": %d, \"inner_jswan\": \"%s\", "
                + "\"inner_peer\": \"%s\", \"icmp_id\": %d, \"esn\": %s, \"out\": %s, \"in\": %s}", name(),
                tunnel ? "tunnel" : "transport", udp ? "udp" : "none", jswanOuter(), peerOuter(), jswanPort(),
                PEER_PORT, jswanInner(), peerInner(), icmpId(), esn, scapySa(outSpi, outKey, outIntegKey),
                scapySa(inSpi, inKey, inIntegKey));
    }

    private String scapySa(final int spi, final String key, final String integ) {
        String crypt = algorithm.startsWith("chacha") ? "CHACHA20-POLY1305" : aead() ? "AES-GCM" : "AES-CBC";
        String auth = aead() ? "null" : "\"" + switch (integ.length() / 2) {
            case 32 -> "SHA2-256-128";
            case 48 -> "SHA2-384-192";
            default -> "SHA2-512-256";
        } + "\"";
        return String.format(Locale.ROOT, "{\"spi\": %d, \"crypt\": \"%s\", \"crypt_key\": \"%s\", \"auth\": %s, "
                + "\"auth_key\": \"%s\"}", spi & 0xFFFF_FFFFL, crypt, key, auth, integ);
    }

    /**
     * Wireshark 4.0 has no ChaCha20-Poly1305 in its ESP dissector (its esp_sa table lists no such algorithm), and no
     * ESN: its esp_sa UAT has no field for the high 32 bits (and no ESN preference), so it cannot check an ESN ICV.
     */
    boolean tsharkSupports() {
        return !algorithm.startsWith("chacha") && !esn;
    }

    /** The two esp_sa UAT records (strongSwan save-keys format) for {@code tshark -o uat:esp_sa:...}. */
    String[] tsharkSas() {
        return new String[] {tsharkSa(jswanOuter(), peerOuter(), outSpi, outKey, outIntegKey),
            tsharkSa(peerOuter(), jswanOuter(), inSpi, inKey, inIntegKey)};
    }

    private String tsharkSa(final String src, final String dst, final int spi, final String key, final String integ) {
        String enc = aead() ? "AES-GCM with 16 octet ICV [RFC4106]" : "AES-CBC [RFC3602]";
        String auth = aead() ? "NULL" : switch (integ.length() / 2) {
            case 32 -> "HMAC-SHA-256-128 [RFC4868]";
            case 48 -> "HMAC-SHA-384-192 [RFC4868]";
            default -> "HMAC-SHA-512-256 [RFC4868]";
        };
        return String.format("\"%s\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"0x%s\",\"%s\",\"%s\"", outer6 ? "IPv6" : "IPv4",
                src, dst, spi, enc, key, auth, integ.isEmpty() ? "" : "0x" + integ);
    }
}
