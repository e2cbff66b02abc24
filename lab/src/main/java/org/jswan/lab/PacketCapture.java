package org.jswan.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A tcpdump capture on one interface of a namespace, written to a pcap file in the report folder (kept after the
 * test). Stop it, then {@link #summary()} reads it back with {@code tcpdump -r -nn} and classifies the packets.
 */
public final class PacketCapture implements AutoCloseable {

    private final Namespace ns;
    private final Path pcap;
    private final LabProcess process;

    private PacketCapture(Namespace ns, Path pcap, LabProcess process) {
        this.ns = ns;
        this.pcap = pcap;
        this.process = process;
    }

    /**
     * Starts {@code tcpdump -i IF --immediate-mode -w <reportDir>/<ns>-<if>.pcap [filter]} and waits until it is
     * listening.
     *
     * @param filter a pcap filter expression, or empty for everything
     */
    public static PacketCapture start(Namespace ns, String ifName, String... filter) {
        Path pcap = ns.lab().reportDir().resolve(ns.label() + "-" + ifName + ".pcap");
        // --immediate-mode: each packet reaches the file at once, so stopping right after traffic loses none.
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", ifName, "-nn", "-U", "--immediate-mode",
                "-s", "256",
                "-w", pcap.toString()));
        argv.addAll(List.of(filter));
        LabProcess p = ns.start("tcpdump-" + ifName, argv.toArray(new String[0]));
        p.awaitOutput(out -> out.contains("listening on"), "'listening on'", Duration.ofSeconds(10));
        return new PacketCapture(ns, pcap, p);
    }

    public Path pcapFile() {
        return pcap;
    }

    /** Stops tcpdump (SIGTERM lets it flush the file). */
    public void stop() {
        process.stop(Duration.ofSeconds(3));
    }

    /** Stops the capture if still running and classifies what it saw. */
    public CaptureSummary summary() {
        stop();
        CommandResult r = ns.lab().run(List.of("tcpdump", "-r", pcap.toString(), "-nn"), Duration.ofSeconds(20))
                .orThrow();
        List<String> lines = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank() && !line.startsWith("reading from file")) {
                lines.add(line);
            }
        }
        return CaptureSummary.of(lines);
    }

    @Override
    public void close() {
        stop();
    }
}
