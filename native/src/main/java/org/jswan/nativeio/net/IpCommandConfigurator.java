package org.jswan.nativeio.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NetworkConfigurator} for Linux that runs iproute2's {@code ip}. The command lines are those an operator would
 * type, so a failure message can be pasted into a shell to reproduce it.
 */
public final class IpCommandConfigurator implements NetworkConfigurator {
    private static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    private final String ip;
    private final CommandRunner runner;

    /** {@code ip} from the PATH, run as a child process. */
    public IpCommandConfigurator() {
        this("ip", new ProcessCommandRunner(DEFAULT_TIMEOUT_MILLIS));
    }

    public IpCommandConfigurator(final String ipBinary, final CommandRunner runner) {
        this.ip = ipBinary;
        this.runner = runner;
    }

    @Override
    public void setMtu(final String device, final int mtu) throws NetConfigException {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("mtu " + mtu + " outside 68..65535");
        }
        run("link", "set", "dev", device, "mtu", Integer.toString(mtu));
    }

    @Override
    public void addAddress(final String device, final IpPrefix address, final boolean noDad)
            throws NetConfigException {
        List<String> args = new ArrayList<>(List.of(family(address), "addr", "add", address.toString(), "dev", device));
        if (noDad && !address.isIpv4()) {
            args.add("nodad");
        }
        run(args);
    }

    @Override
    public void linkUp(final String device) throws NetConfigException {
        run("link", "set", "dev", device, "up");
    }

    @Override
    public void linkDown(final String device) throws NetConfigException {
        run("link", "set", "dev", device, "down");
    }

    @Override
    public void addRoute(final Route route) throws NetConfigException {
        run(routeCommand("add", route));
    }

    @Override
    public void deleteRoute(final Route route) throws NetConfigException {
        run(routeCommand("del", route));
    }

    @Override
    public void deleteLink(final String device) throws NetConfigException {
        run("link", "del", "dev", device);
    }

    @Override
    public boolean linkExists(final String device) throws NetConfigException {
        List<String> command = List.of(ip, "link", "show", "dev", device);
        CommandRunner.Result r = exec(command);
        if (r.exitStatus() == 0) {
            return true;
        }
        if (r.stderr().contains("does not exist")) {
            return false;
        }
        throw new NetConfigException(command, r.exitStatus(), r.stderr(), null);
    }

    @Override
    public void addRule(final RoutingRule rule) throws NetConfigException {
        run(ruleCommand("add", rule));
    }

    @Override
    public void deleteRule(final RoutingRule rule) throws NetConfigException {
        run(ruleCommand("del", rule));
    }

    /** {@code ip -4|-6 rule add|del pref N to P [ipproto N [dport A[-B]]] lookup main|T}. */
    List<String> ruleCommand(final String verb, final RoutingRule rule) {
        List<String> args = new ArrayList<>(List.of(family(rule.to()), "rule", verb, "pref",
                Integer.toString(rule.priority()), "to", rule.to().toString()));
        if (rule.ipProtocol() != 0) {
            args.add("ipproto");
            args.add(Integer.toString(rule.ipProtocol()));
        }
        if (rule.portFrom() != 0) {
            args.add("dport");
            args.add(rule.portFrom() == rule.portTo() ? Integer.toString(rule.portFrom())
                    : rule.portFrom() + "-" + rule.portTo());
        }
        args.add("lookup");
        args.add(rule.table() == RoutingRule.MAIN ? "main" : Integer.toString(rule.table()));
        return args;
    }

    /** {@code ip -4|-6 route add|del <dst> dev <dev> [table N] [metric N] [src A]}. */
    List<String> routeCommand(final String verb, final Route route) {
        List<String> args = new ArrayList<>(List.of(family(route.destination()), "route", verb,
                route.destination().toString(), "dev", route.device()));
        if (route.table() != 0) {
            args.add("table");
            args.add(Integer.toString(route.table()));
        }
        if (route.metric() >= 0) {
            args.add("metric");
            args.add(Integer.toString(route.metric()));
        }
        if (route.source() != null) {
            args.add("src");
            args.add(route.source().getHostAddress());
        }
        return args;
    }

    private static String family(final IpPrefix p) {
        return p.isIpv4() ? "-4" : "-6";
    }

    private void run(final String... args) throws NetConfigException {
        run(List.of(args));
    }

    private void run(final List<String> args) throws NetConfigException {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(ip);
        command.addAll(args);
        CommandRunner.Result r = exec(command);
        if (r.exitStatus() != 0) {
            throw new NetConfigException(command, r.exitStatus(), r.stderr(), null);
        }
    }

    private CommandRunner.Result exec(final List<String> command) throws NetConfigException {
        try {
            return runner.run(command);
        } catch (IOException e) {
            throw new NetConfigException(command, -1, String.valueOf(e.getMessage()), e);
        }
    }
}
