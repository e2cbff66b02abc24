package org.jswan.gateway.statickey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jswan.esp.api.Mode;
import org.jswan.esp.api.TrafficSelector;

/**
 * Reads the static-key file of {@code jswan static}: one {@code key = value} per line, {@code #} starts a comment.
 *
 * <pre>
 * local       = 10.99.0.1        # our outer address (IPv4 or IPv6)
 * remote      = 10.99.0.2        # the peer's outer address
 * encap       = udp              # udp: ESP-in-UDP (RFC 3948); none: plain ESP, IP protocol 50 (raw socket, IPv4)
 * local_port  = 4500             # encap = udp only (default 4500 for both)
 * remote_port = 4500
 * mode        = tunnel           # tunnel (default) or transport
 * local_ts    = 10.1.0.0/24      # our inner subnets, comma-separated (transport mode default: local/32)
 * remote_ts   = 10.2.0.0/24      # the peer's inner subnets; routed into the TUN device
 * route_src   = 10.1.0.1         # optional source of those routes (default: an address of this host in local_ts)
 * tun         = jswan0           # TUN device name (default jswan0), mtu = 1400
 * out.spi     = 0xc0000001       # the SA we send with (hex with 0x, or decimal)
 * out.alg     = aes128gcm16      # aes128gcm16, aes256gcm16, chacha20poly1305, aes{128,256}-sha{256,384,512}
 * out.enc_key = 0x00112233...    # hex; AEAD: the key followed by its 4-byte salt (as Wireshark's esp_sa wants)
 * out.integ_key = 0x...          # AES-CBC only: the HMAC key (32, 48 or 64 bytes)
 * in.spi, in.alg, in.enc_key, in.integ_key   # the SA the peer sends with (its out.*)
 * esn         = no               # yes: 64-bit extended sequence numbers on both SAs (RFC 4304)
 * replay_window = 0              # inbound anti-replay window in packets (default 0, with esn = yes 32)
 * out.seq     = 0                # last sequence number sent (the first packet gets out.seq + 1), like xfrm's oseq
 * in.seq      = 0                # highest sequence number taken as received (replay window top), like xfrm's seq
 * </pre>
 */
public final class StaticConfigParser {
    private static final Set<String> KEYS = Set.of("local", "remote", "encap", "local_port", "remote_port", "mode",
            "local_ts", "remote_ts", "route_src", "tun", "mtu", "out.spi", "out.alg", "out.enc_key", "out.integ_key",
            "in.spi", "in.alg", "in.enc_key", "in.integ_key", "esn", "replay_window", "out.seq", "in.seq");

    private Path file;
    private final Map<String, Integer> lineOf = new LinkedHashMap<>();

    public StaticTunnelConfig parse(final Path path) throws StaticConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StaticConfigException("cannot read " + path + ": " + e.getMessage());
        }
        return parse(path, lines);
    }

    public StaticTunnelConfig parse(final Path path, final List<String> lines) throws StaticConfigException {
        this.file = path;
        lineOf.clear();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            line = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new StaticConfigException(path + ":" + (i + 1) + ": expected 'key = value'");
            }
            String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key)) {
                throw new StaticConfigException(path + ":" + (i + 1) + ": unknown key '" + key + "'");
            }
            if (values.put(key, line.substring(eq + 1).trim()) != null) {
                throw new StaticConfigException(path + ":" + (i + 1) + ": '" + key + "' given twice");
            }
            lineOf.put(key, i + 1);
        }
        try {
            InetAddress local = address(values, "local", true);
            InetAddress remote = address(values, "remote", true);
            String encap = values.getOrDefault("encap", "udp").toLowerCase(Locale.ROOT);
            if (!encap.equals("udp") && !encap.equals("none")) {
                throw fail("encap", "expected udp or none, got '" + encap + "'");
            }
            String modeText = values.getOrDefault("mode", "tunnel").toLowerCase(Locale.ROOT);
            Mode mode = switch (modeText) {
                case "tunnel" -> Mode.TUNNEL;
                case "transport" -> Mode.TRANSPORT;
                default -> throw fail("mode", "expected tunnel or transport, got '" + modeText + "'");
            };
            List<TrafficSelector> localTs = selectors(values, "local_ts", mode == Mode.TRANSPORT ? local : null);
            List<TrafficSelector> remoteTs = selectors(values, "remote_ts", mode == Mode.TRANSPORT ? remote : null);
            String esnText = values.getOrDefault("esn", "no").toLowerCase(Locale.ROOT);
            if (!esnText.equals("yes") && !esnText.equals("no")) {
                throw fail("esn", "expected yes or no, got '" + esnText + "'");
            }
            boolean esn = esnText.equals("yes");
            return new StaticTunnelConfig(local, remote, encap.equals("udp"), number(values, "local_port", 4500),
                    number(values, "remote_port", 4500), mode, localTs, remoteTs, values.getOrDefault("tun",
                    "jswan0"), number(values, "mtu", 1400), address(values, "route_src", false), sa(values, "out"),
                    sa(values, "in"), esn, number(values, "replay_window", esn ? 32 : 0));
        } catch (IllegalArgumentException e) {
            throw new StaticConfigException(path + ": " + e.getMessage());
        }
    }

    private StaticSa sa(final Map<String, String> values, final String dir) throws StaticConfigException {
        String alg = require(values, dir + ".alg");
        EspAlgorithm algorithm;
        try {
            algorithm = EspAlgorithm.parse(alg);
        } catch (IllegalArgumentException e) {
            throw fail(dir + ".alg", e.getMessage());
        }
        long spi = number(values, dir + ".spi", -1L);
        if (spi < 0) {
            throw fail(dir + ".spi", "missing");
        }
        byte[] enc = hex(values, dir + ".enc_key", true);
        byte[] integ = hex(values, dir + ".integ_key", !algorithm.aead());
        try {
            return new StaticSa((int) spi, algorithm, enc, integ, sequence(values, dir + ".seq"));
        } catch (IllegalArgumentException e) {
            throw fail(dir + ".spi", e.getMessage());
        }
    }

    private String require(final Map<String, String> values, final String key) throws StaticConfigException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new StaticConfigException(file + ": '" + key + "' is missing");
        }
        return v;
    }

    private InetAddress address(final Map<String, String> values, final String key, final boolean required)
            throws StaticConfigException {
        String v = required ? require(values, key) : values.get(key);
        if (v == null) {
            return null;
        }
        return literal(key, v);
    }

    private InetAddress literal(final String key, final String v) throws StaticConfigException {
        // Only literals: a static-key file must not depend on DNS.
        if (!v.matches("[0-9a-fA-F.:]+")) {
            throw fail(key, "'" + v + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw fail(key, "'" + v + "' is not an IP address");
        }
    }

    private List<TrafficSelector> selectors(final Map<String, String> values, final String key,
            final InetAddress fallback) throws StaticConfigException {
        String v = values.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new StaticConfigException(file + ": '" + key + "' is missing (needed in tunnel mode)");
            }
            return List.of(TrafficSelector.of(fallback, fallback.getAddress().length * 8));
        }
        List<TrafficSelector> out = new ArrayList<>();
        for (String part : v.split(",")) {
            String p = part.trim();
            int slash = p.indexOf('/');
            InetAddress a = literal(key, slash < 0 ? p : p.substring(0, slash));
            int max = a.getAddress().length * 8;
            int len = max;
            if (slash >= 0) {
                try {
                    len = Integer.parseInt(p.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw fail(key, "bad prefix length in '" + p + "'");
                }
            }
            if (len < 0 || len > max) {
                throw fail(key, "prefix length outside 0.." + max + " in '" + p + "'");
            }
            out.add(TrafficSelector.of(a, len));
        }
        return out;
    }

    private long number(final Map<String, String> values, final String key, final long dflt)
            throws StaticConfigException {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n < 0 || n > 0xFFFF_FFFFL) {
                throw fail(key, "'" + v + "' out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw fail(key, "'" + v + "' is not a number");
        }
    }

    /** A 64-bit sequence number (ESN), decimal or 0x hex. */
    private long sequence(final Map<String, String> values, final String key) throws StaticConfigException {
        String v = values.get(key);
        if (v == null) {
            return 0;
        }
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseUnsignedLong(v);
            if (n < 0) {
                throw fail(key, "'" + v + "' out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw fail(key, "'" + v + "' is not a number");
        }
    }

    private int number(final Map<String, String> values, final String key, final int dflt)
            throws StaticConfigException {
        return (int) number(values, key, (long) dflt);
    }

    private byte[] hex(final Map<String, String> values, final String key, final boolean required)
            throws StaticConfigException {
        String v = values.get(key);
        if (v == null) {
            if (required) {
                throw new StaticConfigException(file + ": '" + key + "' is missing");
            }
            return new byte[0];
        }
        String h = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
        try {
            return HexFormat.of().parseHex(h.replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw fail(key, "not an even number of hex digits");
        }
    }

    private StaticConfigException fail(final String key, final String message) {
        Integer line = lineOf.get(key);
        return new StaticConfigException(file + (line == null ? "" : ":" + line) + ": " + key + ": " + message);
    }
}
