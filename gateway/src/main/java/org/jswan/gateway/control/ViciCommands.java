package org.jswan.gateway.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The VICI commands swanctl uses, mapped onto {@link GatewayControl}. All knowledge of VICI message layouts (key
 * names such as {@code ike_sas}, {@code child-sas}, {@code spi-in}) lives here, following strongSwan's
 * src/libcharon/plugins/vici/README.md and what swanctl 5.9 reads back. Commands jswan cannot honour answer
 * {@code success = no} with an errmsg saying so; harmless queries answer with empty results.
 */
public final class ViciCommands implements ViciCommandHandler {
    /** Events jswan can raise (README "Server-issued events"). */
    public static final Set<String> EVENTS = Set.of("log", "control-log", "list-sa", "list-policy", "list-conn",
            "list-cert", "list-authority", "ike-updown", "ike-rekey", "child-updown", "child-rekey");

    /** Commands answered "not supported by jswan yet". */
    static final Set<String> UNSUPPORTED = Set.of("install", "uninstall", "redirect", "load-authority",
            "unload-authority", "unload-key", "load-token", "flush-certs", "get-counters",
            "reset-counters");

    private static final Set<String> SUPPORTED = Set.of("version", "stats", "reload-settings", "initiate",
            "terminate", "rekey", "list-sas", "list-conns", "get-conns", "load-conn", "unload-conn", "load-shared",
            "clear-creds", "load-cert", "load-key", "get-pools", "load-pool", "unload-pool", "list-policies",
            "list-certs", "list-authorities", "get-authorities", "get-keys", "get-shared", "unload-shared",
            "get-algorithms");

    private static final Set<String> COMMANDS;

    static {
        Set<String> all = new java.util.HashSet<>(SUPPORTED);
        all.addAll(UNSUPPORTED);
        COMMANDS = Set.copyOf(all);
    }

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss yyyy", Locale.ROOT);

    private final GatewayControl control;

    public ViciCommands(final GatewayControl control) {
        this.control = control;
    }

    @Override
    public Set<String> commands() {
        return COMMANDS;
    }

    @Override
    public Set<String> events() {
        return EVENTS;
    }

    @Override
    public ViciMessage handle(final String command, final ViciMessage req, final ViciEventSink sink) {
        if (UNSUPPORTED.contains(command)) {
            return failure(command + " is not supported by jswan yet");
        }
        try {
            return switch (command) {
                case "version" -> version();
                case "stats" -> stats();
                case "reload-settings" -> result(control.reloadSettings());
                case "initiate" -> initiate(req, sink);
                case "terminate" -> terminate(req, sink);
                case "rekey" -> result(control.rekey(new RekeyRequest(req.get("child"), req.get("ike"),
                        number(req, 0, "child-id", "child_id"), number(req, 0, "ike-id", "ike_id"),
                        yes(req.get("reauth")))));
                case "list-sas" -> listSas(req, sink);
                case "list-conns" -> listConns(req, sink);
                case "get-conns" -> ViciMessage.builder().addList("conns", control.getConns()).build();
                case "load-conn" -> loadConn(req);
                case "unload-conn" -> result(control.unloadConn(required(req, "name")));
                case "load-shared" -> loadShared(req);
                case "clear-creds" -> result(control.clearCreds());
                case "load-cert" -> result(control.loadCert(req.get("type", "X509"), req.get("flag", "NONE"),
                        requiredBytes(req, "data")));
                case "load-key" -> result(control.loadKey(req.get("type", "ANY"), requiredBytes(req, "data")));
                case "get-pools" -> getPools(req);
                case "load-pool" -> loadPool(req);
                case "unload-pool" -> result(control.unloadPool(required(req, "name")));
                case "get-authorities" -> ViciMessage.builder().addList("authorities", List.of()).build();
                case "get-keys" -> ViciMessage.builder().addList("keys", List.of()).build();
                case "get-shared" -> ViciMessage.builder().addList("keys", control.getShared()).build();
                case "unload-shared" -> result(control.unloadShared(required(req, "id")));
                // Streaming queries with nothing to stream yet: an empty reply ends the stream.
                case "list-policies", "list-certs", "list-authorities", "get-algorithms" -> ViciMessage.EMPTY;
                default -> failure(command + " is not supported by jswan yet");
            };
        } catch (BadRequest e) {
            return failure(e.getMessage());
        } catch (UnsupportedOperationException e) {
            return failure(command + " is not supported by jswan yet");
        }
    }

    // ---- commands ----

    private ViciMessage version() {
        VersionInfo v = control.version();
        return ViciMessage.builder()
                .add("daemon", v.daemon())
                .add("version", v.version())
                .add("sysname", System.getProperty("os.name", "unknown"))
                .add("release", System.getProperty("os.version", "unknown"))
                .add("machine", System.getProperty("os.arch", "unknown"))
                .build();
    }

    private ViciMessage stats() {
        GatewayStats s = control.stats();
        Duration up = Duration.between(s.since(), Instant.now());
        return ViciMessage.builder()
                .beginSection("uptime")
                .add("running", humanDuration(up))
                .add("since", SINCE.format(s.since().atZone(ZoneId.systemDefault())))
                .endSection()
                .beginSection("workers")
                .add("total", s.workersTotal())
                .add("idle", s.workersIdle())
                .beginSection("active")
                .add("critical", 0).add("high", 0).add("medium", 0).add("low", 0)
                .endSection()
                .endSection()
                .beginSection("queues")
                .add("critical", 0).add("high", 0).add("medium", 0).add("low", 0)
                .endSection()
                .add("scheduled", 0)
                .beginSection("ikesas")
                .add("total", s.ikeSasTotal())
                .add("half-open", s.ikeSasHalfOpen())
                .endSection()
                .addList("plugins", s.plugins())
                .build();
    }

    private ViciMessage initiate(final ViciMessage req, final ViciEventSink sink) {
        int level = (int) number(req, 1, "loglevel");
        InitiateRequest r = new InitiateRequest(required(req, "child"), req.get("ike"), number(req, 0, "timeout"),
                level);
        return result(control.initiate(r, controlLog(sink, level)));
    }

    private ViciMessage terminate(final ViciMessage req, final ViciEventSink sink) {
        int level = (int) number(req, 1, "loglevel");
        TerminateRequest r = new TerminateRequest(req.get("child"), req.get("ike"),
                number(req, 0, "child-id", "child_id"), number(req, 0, "ike-id", "ike_id"), yes(req.get("force")),
                number(req, 0, "timeout"), level);
        if (r.child() == null && r.ike() == null && r.childId() == 0 && r.ikeId() == 0) {
            return failure("missing terminate selector");
        }
        return result(control.terminate(r, controlLog(sink, level)));
    }

    /** README "control-log": issued only to the client whose initiate/terminate is active, up to its loglevel. */
    private static ControlLogSink controlLog(final ViciEventSink sink, final int maxLevel) {
        return (group, level, ikeName, ikeId, message) -> {
            if (level > maxLevel || !sink.isRegistered("control-log")) {
                return;
            }
            ViciMessage.Builder b = ViciMessage.builder().add("group", group).add("level", level);
            if (ikeName != null) {
                b.add("ikesa-name", ikeName).add("ikesa-uniqueid", ikeId);
            }
            sink.emit("control-log", b.add("msg", message).build());
        };
    }

    private ViciMessage listSas(final ViciMessage req, final ViciEventSink sink) {
        List<IkeSaView> sas = control.listSas(req.get("ike"), number(req, 0, "ike-id", "ike_id"));
        for (IkeSaView sa : sas) {
            sink.emit("list-sa", ViciMessage.builder().add(sa.name(), ikeSa(sa, true)).build());
        }
        return ViciMessage.EMPTY;
    }

    /** The list-sa layout of one IKE_SA; also the body of ike-updown events (without children). */
    public static ViciMessage ikeSa(final IkeSaView sa, final boolean withChildren) {
        ViciMessage.Builder b = ViciMessage.builder()
                .add("uniqueid", sa.uniqueId())
                .add("version", sa.ikeVersion())
                .add("state", sa.state())
                .add("local-host", sa.localHost())
                .add("local-port", sa.localPort())
                .add("local-id", sa.localId())
                .add("remote-host", sa.remoteHost())
                .add("remote-port", sa.remotePort())
                .add("remote-id", sa.remoteId())
                .add("initiator", sa.initiator())
                .add("initiator-spi", HexFormat.of().toHexDigits(sa.initiatorSpi()))
                .add("responder-spi", HexFormat.of().toHexDigits(sa.responderSpi()));
        if (sa.natLocal()) {
            b.add("nat-local", true);
        }
        if (sa.natRemote()) {
            b.add("nat-remote", true);
        }
        if (sa.natLocal() || sa.natRemote()) {
            b.add("nat-any", true);
        }
        algorithm(b, "encr-alg", sa.encrAlg(), "encr-keysize", sa.encrKeySize());
        algorithm(b, "integ-alg", sa.integAlg(), "integ-keysize", sa.integKeySize());
        b.addIfPresent("prf-alg", sa.prfAlg());
        b.addIfPresent("dh-group", sa.dhGroup());
        if (sa.establishedSeconds() >= 0) {
            b.add("established", sa.establishedSeconds());
        }
        if (sa.rekeySeconds() >= 0) {
            b.add("rekey-time", sa.rekeySeconds());
        }
        if (sa.reauthSeconds() >= 0) {
            b.add("reauth-time", sa.reauthSeconds());
        }
        if (!sa.localVips().isEmpty()) {
            b.addList("local-vips", sa.localVips());
        }
        if (!sa.remoteVips().isEmpty()) {
            b.addList("remote-vips", sa.remoteVips());
        }
        if (withChildren) {
            // swanctl prints the IKE_SA when it meets this section, so it must come last and always be present.
            b.beginSection("child-sas");
            for (ChildSaView c : sa.children()) {
                b.add(c.name() + "-" + c.uniqueId(), childSa(c));
            }
            b.endSection();
        }
        return b.build();
    }

    /** The list-sa layout of one CHILD_SA. */
    public static ViciMessage childSa(final ChildSaView c) {
        ViciMessage.Builder b = ViciMessage.builder()
                .add("name", c.name())
                .add("uniqueid", c.uniqueId())
                .add("reqid", c.reqid())
                .add("state", c.state())
                .add("mode", c.mode())
                .add("protocol", c.protocol());
        if (c.encap()) {
            b.add("encap", true);
        }
        b.add("spi-in", HexFormat.of().toHexDigits(c.spiIn()))
                .add("spi-out", HexFormat.of().toHexDigits(c.spiOut()));
        algorithm(b, "encr-alg", c.encrAlg(), "encr-keysize", c.encrKeySize());
        algorithm(b, "integ-alg", c.integAlg(), "integ-keysize", c.integKeySize());
        b.addIfPresent("dh-group", c.dhGroup());
        if (c.esn()) {
            b.add("esn", 1);
        }
        b.add("bytes-in", c.bytesIn()).add("packets-in", c.packetsIn());
        if (c.useInSeconds() >= 0) {
            b.add("use-in", c.useInSeconds());
        }
        b.add("bytes-out", c.bytesOut()).add("packets-out", c.packetsOut());
        if (c.useOutSeconds() >= 0) {
            b.add("use-out", c.useOutSeconds());
        }
        if (c.rekeySeconds() >= 0) {
            b.add("rekey-time", c.rekeySeconds());
        }
        if (c.lifeSeconds() >= 0) {
            b.add("life-time", c.lifeSeconds());
        }
        b.add("install-time", Math.max(0, c.installSeconds()));
        return b.addList("local-ts", c.localTs()).addList("remote-ts", c.remoteTs()).build();
    }

    private static void algorithm(final ViciMessage.Builder b, final String algKey, final String alg,
            final String sizeKey, final int keySize) {
        if (alg != null) {
            b.add(algKey, alg);
            if (keySize > 0) {
                b.add(sizeKey, keySize);
            }
        }
    }

    private ViciMessage listConns(final ViciMessage req, final ViciEventSink sink) {
        for (ConnView c : control.listConns(req.get("ike"))) {
            sink.emit("list-conn", ViciMessage.builder().add(c.name(), conn(c)).build());
        }
        return ViciMessage.EMPTY;
    }

    private static ViciMessage conn(final ConnView c) {
        ViciMessage.Builder b = ViciMessage.builder()
                .addList("local_addrs", c.localAddrs())
                .addList("remote_addrs", c.remoteAddrs())
                .add("version", c.ikeVersion() == 0 ? "0" : "IKEv" + c.ikeVersion())
                .add("reauth_time", c.reauthSeconds())
                .add("rekey_time", c.rekeySeconds())
                .add("dpd_delay", c.dpdDelaySeconds());
        auths(b, "local-", c.localAuths());
        auths(b, "remote-", c.remoteAuths());
        b.beginSection("children");
        for (ConnView.Child ch : c.children()) {
            b.beginSection(ch.name())
                    .add("mode", ch.mode())
                    .add("rekey_time", ch.rekeySeconds())
                    .add("rekey_bytes", ch.rekeyBytes())
                    .add("rekey_packets", ch.rekeyPackets())
                    .add("dpd_action", ch.dpdAction() == null ? "clear" : ch.dpdAction())
                    .addList("local-ts", ch.localTs())
                    .addList("remote-ts", ch.remoteTs())
                    .endSection();
        }
        return b.endSection().build();
    }

    private static void auths(final ViciMessage.Builder b, final String prefix, final List<ConnView.Auth> auths) {
        int round = 1;
        for (ConnView.Auth a : auths) {
            b.beginSection(prefix + round++).add("class", a.authClass()).addIfPresent("id", a.id()).endSection();
        }
    }

    private ViciMessage loadConn(final ViciMessage req) {
        List<ViciMessage.Section> conns = req.sections();
        if (conns.isEmpty()) {
            return failure("missing connection section in load-conn request");
        }
        for (ViciMessage.Section conn : conns) {
            ControlResult r = control.loadConn(conn.name(), conn.content());
            if (!r.success()) {
                return result(r);
            }
        }
        return result(ControlResult.ok());
    }

    private ViciMessage loadShared(final ViciMessage req) {
        String type = required(req, "type");
        byte[] data = requiredBytes(req, "data");
        return result(control.loadShared(new SharedSecret(req.get("id"), type.toUpperCase(Locale.ROOT),
                req.list("owners"), data)));
    }

    private ViciMessage getPools(final ViciMessage req) {
        boolean leases = yes(req.get("leases"));
        ViciMessage.Builder b = ViciMessage.builder();
        for (PoolView p : control.getPools(leases)) {
            b.beginSection(p.name())
                    .add("base", p.base()).add("size", p.size()).add("online", p.online())
                    .add("offline", p.offline());
            if (leases) {
                b.beginSection("leases");
                int i = 0;
                for (PoolView.Lease l : p.leases()) {
                    b.beginSection(Integer.toString(i++)).add("address", l.address())
                            .add("identity", l.identity()).add("status", l.status()).endSection();
                }
                b.endSection();
            }
            b.endSection();
        }
        return b.build();
    }

    private ViciMessage loadPool(final ViciMessage req) {
        List<ViciMessage.Section> pools = req.sections();
        if (pools.isEmpty()) {
            return failure("missing pool section in load-pool request");
        }
        for (ViciMessage.Section pool : pools) {
            ControlResult r = control.loadPool(pool.name(), pool.content());
            if (!r.success()) {
                return result(r);
            }
        }
        return result(ControlResult.ok());
    }

    // ---- helpers ----

    private static ViciMessage result(final ControlResult r) {
        ViciMessage.Builder b = ViciMessage.builder().add("success", r.success());
        if (!r.success()) {
            b.add("errmsg", r.errmsg() == null ? "failed" : r.errmsg());
        }
        return b.build();
    }

    private static ViciMessage failure(final String errmsg) {
        return result(ControlResult.failed(errmsg));
    }

    private static String required(final ViciMessage req, final String key) {
        String v = req.get(key);
        if (v == null || v.isEmpty()) {
            throw new BadRequest("missing '" + key + "'");
        }
        return v;
    }

    private static byte[] requiredBytes(final ViciMessage req, final String key) {
        byte[] v = req.getBytes(key);
        if (v == null || v.length == 0) {
            throw new BadRequest("missing '" + key + "'");
        }
        return v;
    }

    /** The first present key among {@code keys} as a number (swanctl and the README differ on - and _). */
    private static long number(final ViciMessage req, final long fallback, final String... keys) {
        for (String k : keys) {
            String v = req.get(k);
            if (v != null) {
                try {
                    return Long.parseLong(v.trim());
                } catch (NumberFormatException e) {
                    throw new BadRequest("invalid " + k + " '" + printable(v) + "'");
                }
            }
        }
        return fallback;
    }

    private static boolean yes(final String v) {
        return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true") || v.equals("1"));
    }

    private static String printable(final String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** strongSwan's relative time style ({@code %V}): "42 seconds", "5 minutes", "3 hours", "2 days". */
    static String humanDuration(final Duration d) {
        long s = Math.max(0, d.getSeconds());
        long[] sizes = {86400, 3600, 60};
        String[] names = {"day", "hour", "minute"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                long n = s / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s");
            }
        }
        return s + " second" + (s == 1 ? "" : "s");
    }

    /** A request the command cannot work with; answered with success = no. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(final String message) {
            super(message);
        }
    }
}
