package org.jswan.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network namespace the lab created ({@code ip netns add}). Commands run inside it through
 * {@code ip netns exec}; every command is bounded in time.
 */
public final class Namespace {

    private final Lab lab;
    private final String name;
    private final String label;

    Namespace(Lab lab, String name, String label) {
        this.lab = lab;
        this.name = name;
        this.label = label;
    }

    /** The real namespace name ({@code jl<runId>-<label>}), as {@code ip netns} knows it. */
    public String name() {
        return name;
    }

    /** The short label the test gave (e.g. {@code gwA}). */
    public String label() {
        return label;
    }

    public Lab lab() {
        return lab;
    }

    /** argv prefixed with {@code ip netns exec NAME}. */
    public List<String> inside(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(argv);
        return full;
    }

    /** Runs a command inside the namespace with the default time limit; never throws on a non-zero exit. */
    public CommandResult exec(String... argv) {
        return exec(Commands.DEFAULT_TIMEOUT, argv);
    }

    public CommandResult exec(Duration timeout, String... argv) {
        return lab.run(inside(Arrays.asList(argv)), timeout);
    }

    /** Runs a command inside the namespace and throws {@link LabException} if it fails. */
    public CommandResult execOk(String... argv) {
        return exec(argv).orThrow();
    }

    /**
     * Starts a long-running command inside the namespace; its output goes to {@code <reportDir>/<label>-<what>.log}
     * and the lab stops it at teardown.
     */
    public LabProcess start(String what, String... argv) {
        return lab.startProcess(label + "-" + what, inside(Arrays.asList(argv)));
    }

    /** Adds an address ({@code 10.1.0.1/24} or {@code fd00:1::1/64}; IPv6 gets {@code nodad}) and sets the link up. */
    public Namespace addAddress(String ifName, String cidr) {
        if (cidr.indexOf(':') >= 0) {
            execOk("ip", "-6", "addr", "add", cidr, "dev", ifName, "nodad");
        } else {
            execOk("ip", "addr", "add", cidr, "dev", ifName);
        }
        return up(ifName);
    }

    public Namespace up(String ifName) {
        execOk("ip", "link", "set", ifName, "up");
        return this;
    }

    /** {@code ip route add DST via GW}; DST may be {@code default}; IPv6 is detected from the gateway. */
    public Namespace addRoute(String destination, String via) {
        String family = via.indexOf(':') >= 0 ? "-6" : "-4";
        execOk("ip", family, "route", "add", destination, "via", via);
        return this;
    }

    /** {@code ip route add DST dev IF}. */
    public Namespace addDeviceRoute(String destination, String ifName) {
        String family = destination.indexOf(':') >= 0 ? "-6" : "-4";
        execOk("ip", family, "route", "add", destination, "dev", ifName);
        return this;
    }

    /** Enables IPv4 and IPv6 forwarding in this namespace only (the sysctls are per namespace). */
    public Namespace enableForwarding() {
        execOk("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        execOk("sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        return this;
    }

    /** Creates a bridge inside this namespace, enslaves the given interfaces and sets everything up. */
    public Namespace bridge(String bridgeName, String... members) {
        LabNames.checkInterfaceName(bridgeName);
        execOk("ip", "link", "add", bridgeName, "type", "bridge");
        for (String member : members) {
            execOk("ip", "link", "set", member, "master", bridgeName);
            up(member);
        }
        return up(bridgeName);
    }

    @Override
    public String toString() {
        return label + "(" + name + ")";
    }
}
