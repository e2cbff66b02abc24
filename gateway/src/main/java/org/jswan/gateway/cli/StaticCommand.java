package org.jswan.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.jswan.gateway.logging.LogLevels;
import org.jswan.gateway.logging.LogSetup;
import org.jswan.gateway.statickey.StaticConfigException;
import org.jswan.gateway.statickey.StaticConfigParser;
import org.jswan.gateway.statickey.StaticTunnel;
import org.jswan.gateway.statickey.StaticTunnelConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code jswan static}: manually keyed ESP without IKE, like {@code ip xfrm state add} (the file format is documented
 * in {@link StaticConfigParser} and in the help text below).
 */
@Command(name = "static",
        description = {"Run ESP with static keys and no IKE (manual keying, like ip xfrm state),",
            "for debugging and wire tests. Each --config FILE is one tunnel with its own",
            "TUN device: two SAs, a policy and routes. Runs until SIGTERM or Ctrl-C,",
            "then prints packet counters and removes its routes.",
            "",
            "FILE holds 'key = value' lines ('#' starts a comment):",
            "  local = 10.99.0.1         our outer address",
            "  remote = 10.99.0.2        the peer's outer address",
            "  encap = udp|none          udp: ESP-in-UDP (RFC 3948);",
            "                            none: plain ESP, IP protocol 50 (IPv4 or IPv6)",
            "  local_port = 4500         remote_port = 4500 (encap = udp)",
            "  mode = tunnel|transport",
            "  local_ts = 10.1.0.0/24    our inner subnets, comma-separated",
            "  remote_ts = 10.2.0.0/24   the peer's, routed into the TUN device",
            "                            (transport mode default: the outer addresses)",
            "  route_src = 10.1.0.1      route source (default: an address in local_ts)",
            "  tun = jswan0              mtu = 1400",
            "  out.spi = 0xc0000001      the SA we send with",
            "  out.alg = aes128gcm16     aes128gcm16, aes256gcm16, chacha20poly1305,",
            "                            aes128|aes256 - sha256|sha384|sha512",
            "  out.enc_key = 0x...       hex; AEAD: key followed by its 4-byte salt",
            "  out.integ_key = 0x...     AES-CBC only: the HMAC key",
            "  in.spi, in.alg, in.enc_key, in.integ_key: the SA the peer sends with",
            "  esn = no|yes              64-bit extended sequence numbers (RFC 4304)",
            "  replay_window = 0         inbound window (default 0; 32 with esn = yes)",
            "  out.seq = 0, in.seq = 0   counters at start: last sent, highest received",
            "                            (like ip xfrm state replay-oseq / replay-seq)",
            "",
            "Transport mode routes the peer's address into the TUN device (table 220)",
            "with ip rules that keep the ESP packets themselves in the main table.",
            "No anti-replay window unless replay_window is set: manual keys restart",
            "sequence numbers (RFC 4301 4.5)."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  jswan static --config /etc/jswan/static-site-b.conf",
            "  jswan static --config a.conf --config b.conf --debug 'esp 2, knl 2'"})
public final class StaticCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Static-key tunnel file "
            + "(repeatable: one tunnel each).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--debug", paramLabel = "LEVELS",
            description = "Log levels per subsystem as in charondebug, e.g. 'esp 2, knl 2' (default: any 1).")
    String debug = "";

    @Option(names = "--log-file", paramLabel = "FILE", description = "Log to FILE instead of stdout.")
    Path logFile;

    @Override
    public Integer call() throws Exception {
        try {
            LogSetup.install(LogLevels.parse(debug), logFile);
        } catch (IllegalArgumentException e) {
            System.err.println("jswan static: " + e.getMessage());
            return 2;
        }
        List<StaticTunnelConfig> parsed = new ArrayList<>();
        try {
            for (Path p : configs) {
                parsed.add(new StaticConfigParser().parse(p));
            }
        } catch (StaticConfigException e) {
            System.err.println("jswan static: " + e.getMessage());
            return 2;
        }
        List<StaticTunnel> tunnels = new ArrayList<>();
        try {
            for (StaticTunnelConfig c : parsed) {
                tunnels.add(StaticTunnel.start(c));
            }
        } catch (Exception e) {
            System.err.println("jswan static: " + e.getMessage());
            tunnels.forEach(StaticTunnel::close);
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        System.out.println("jswan static: " + tunnels.size() + " tunnel(s) up");
        System.out.flush();
        stop.await();
        for (StaticTunnel t : tunnels) {
            System.out.println("jswan static: " + t.stats());
            t.close();
        }
        System.out.flush();
        return 0;
    }
}
