package org.jswan.gateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jswan.gateway.Gateway;
import org.jswan.gateway.GatewayException;
import org.jswan.gateway.EspEncapsulation;
import org.jswan.gateway.GatewayOptions;
import org.jswan.gateway.logging.LogSettings;
import org.jswan.gateway.logging.LogSetup;
import org.jswan.gateway.metrics.MetricsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code jswan daemon}: runs the gateway in the foreground until SIGTERM or Ctrl-C; SIGHUP reloads. */
@Command(name = "daemon",
        description = {"Run the IKE daemon and ESP data plane in the foreground.",
            "Reads DIR/swanctl.conf and credentials from DIR/x509, x509ca, private (the /etc/swanctl layout),",
            "listens on UDP 500 and 4500 and starts children with start_action = start.",
            "SIGHUP reloads the configuration; SIGTERM deletes all SAs (DELETE to each peer) and exits 0.",
            "Loggers may be set in strongswan.conf style (filelog, stdout, stderr under a 'jswan' or 'charon'",
            "section) in --settings FILE or DIR/jswan.conf; --debug and --log-file override that file."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  jswan daemon                                  # /etc/jswan/swanctl.conf",
            "  jswan daemon --config-dir ./site-a --debug 'ike 2, knl 2'",
            "  jswan daemon --config-dir ./lab --save-keys /tmp/keys   # Wireshark-decryptable captures",
            "  jswan daemon --settings /etc/strongswan.d/charon-logging.conf   # charon's loggers carry over",
            "  jswan daemon --debug 'cfg 2'     # DIR/jswan.conf's loggers, with cfg raised to 2",
            "  jswan daemon --esp-encap nat     # plain ESP (IP protocol 50) to peers with no NAT in between",
            "",
            "A settings file (DIR/jswan.conf; strongswan.conf(5) LOGGER CONFIGURATION, 'charon' works too):",
            "  jswan {",
            "      filelog {",
            "          jswan-log {",
            "              path = /var/log/jswan.log",
            "              time_format = %%b %%e %%T",
            "              default = 1",
            "              ike = 2",
            "              knl = 2",
            "              append = yes",
            "              flush_line = yes",
            "          }",
            "          stderr {",
            "              default = 0",
            "          }",
            "      }",
            "  }"})
public final class DaemonCommand implements Callable<Integer> {

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Configuration directory (default: ${DEFAULT-VALUE}).")
    Path configDir = GatewayOptions.DEFAULT_CONFIG_DIR;

    @Option(names = "--vici-socket", paramLabel = "PATH",
            description = "Control socket (default: ${DEFAULT-VALUE}).")
    Path viciSocket = GatewayOptions.DEFAULT_VICI_SOCKET;

    @Option(names = "--port", description = "IKE port (default: ${DEFAULT-VALUE}).")
    int port = 500;

    @Option(names = "--port-nat-t", description = "NAT-T port for IKE and ESP-in-UDP (default: ${DEFAULT-VALUE}).")
    int portNatT = 4500;

    @Option(names = "--tun", paramLabel = "NAME", description = "TUN device name (default: ${DEFAULT-VALUE}).")
    String tun = "jswan0";

    @Option(names = "--mtu", description = "TUN device MTU (default: ${DEFAULT-VALUE}).")
    int mtu = 1400;

    @Option(names = "--debug", paramLabel = "LEVELS",
            description = "Log levels per subsystem as in charondebug, e.g. 'ike 2, knl 1, any 1' (default: any 1).")
    String debug = "";

    @Option(names = "--log-file", paramLabel = "FILE", description = "Log to FILE instead of stdout.")
    Path logFile;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "strongswan.conf-style settings with the loggers (default: DIR/jswan.conf if present).")
    Path settings;

    @Option(names = "--save-keys", paramLabel = "DIR",
            description = "DEBUG ONLY: write IKE and ESP keys for Wireshark to DIR (ikev2_decryption_table, esp_sa).")
    Path saveKeys;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve Prometheus metrics on HOST:PORT (off by default), e.g. 127.0.0.1:9102.")
    String metrics;

    @Option(names = "--no-dataplane", description = "Negotiate only; do not open a TUN device or install SAs.")
    boolean noDataPlane;

    @Option(names = "--esp-encap", paramLabel = "always|nat", description = {
        "When ESP is UDP-encapsulated (RFC 3948). always (default): on every CHILD_SA, as strongSwan's",
        "kernel-libipsec does; the fast path, and it passes any NAT. nat: only when a NAT is detected or the",
        "connection has encap = yes; plain ESP (IP protocol 50) otherwise, as kernel IPsec stacks do.",
        "Peers that do not do NAT traversal get plain ESP either way. Plain ESP needs CAP_NET_RAW."})
    String espEncap = "always";

    @Override
    public Integer call() throws Exception {
        try {
            Path file = LogSettings.settingsFile(settings, configDir);
            LogSettings logSettings = file == null ? LogSettings.NONE : LogSettings.read(file);
            logSettings.problems().forEach(p -> System.err.println("jswan daemon: " + p));
            if (logSettings.hasErrors()) {
                return 1;
            }
            LogSetup.install(logSettings.withCommandLine(debug, logFile));
        } catch (IllegalArgumentException e) {
            System.err.println("jswan daemon: " + e.getMessage());
            return 2;
        }
        EspEncapsulation encapsulation;
        try {
            encapsulation = EspEncapsulation.parse(espEncap);
        } catch (IllegalArgumentException e) {
            System.err.println("jswan daemon: " + e.getMessage());
            return 2;
        }
        GatewayOptions options = new GatewayOptions(configDir, viciSocket, port, portNatT, tun, mtu, saveKeys,
                !noDataPlane, encapsulation);
        // SIGHUP is handled from here on: the JVM's default would end the daemon if it came during start-up.
        AtomicReference<Gateway> running = new AtomicReference<>();
        Signal.handle(new Signal("HUP"), s -> {
            reloadLogging();
            Gateway g = running.get();
            if (g == null) {
                return;
            }
            try {
                g.reload();
            } catch (GatewayException e) {
                System.getLogger("CFG").log(System.Logger.Level.WARNING, "reload failed, keeping the running "
                        + "configuration: " + e.getMessage());
            }
        });
        Gateway gateway;
        try {
            gateway = Gateway.start(options);
            running.set(gateway);
        } catch (GatewayException e) {
            System.err.println("jswan daemon: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        MetricsServer metricsServer = null;
        if (metrics != null) {
            try {
                metricsServer = MetricsServer.start(metrics, gateway.ike(), gateway::dataPlaneDrops);
                System.getLogger("DMN").log(System.Logger.Level.INFO, "serving metrics on http://" + metrics
                        + "/metrics");
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("jswan daemon: cannot serve metrics: " + e.getMessage());
                gateway.close();
                return 1;
            }
        }
        DaemonHooks.afterStart(gateway);
        stop.await();
        DaemonHooks.beforeStop(gateway);
        if (metricsServer != null) {
            metricsServer.close();
        }
        gateway.close();
        return 0;
    }

    /** SIGHUP re-reads the loggers too, as charon does (and reopens their files, for logrotate). */
    private void reloadLogging() {
        System.Logger cfg = System.getLogger("CFG");
        Path file = LogSettings.settingsFile(settings, configDir);
        LogSettings logSettings = file == null ? LogSettings.NONE : LogSettings.read(file);
        if (logSettings.hasErrors()) {
            logSettings.problems().forEach(p -> cfg.log(System.Logger.Level.WARNING, "logger settings: " + p));
            cfg.log(System.Logger.Level.WARNING, "keeping the running loggers");
            return;
        }
        try {
            LogSetup.install(logSettings.withCommandLine(debug, logFile));
        } catch (IOException | IllegalArgumentException e) {
            cfg.log(System.Logger.Level.WARNING, "cannot reopen the loggers: " + e.getMessage());
        }
    }
}
