package org.jswan.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Builds {@link ConnectionConfig}s from {@code connections.<conn>} sections, defaults as in swanctl.conf(5). */
final class ConnectionReader {

    private static final List<String> ANY = List.of("%any");
    private static final List<String> DEFAULT_PROPOSALS = List.of("default");
    private static final List<String> DYNAMIC = List.of("dynamic");
    private static final Set<String> CONNECTION_SECTIONS = Set.of("local", "remote", "children");
    private static final List<String> HW_OFFLOAD = List.of("no", "yes", "auto", "crypto", "packet");
    private static final List<String> COPY_DSCP = List.of("out", "in", "yes", "no");

    private ConnectionReader() {
    }

    static ConnectionConfig read(TypedSection c) {
        c.checkKeys(SwanctlSchema.CONNECTION);
        int version = (int) c.number("version", 0, Integer.MAX_VALUE);
        if (version == 1) {
            c.error("version", "IKEv1 is not supported by jswan (use 2, or 0 to accept IKEv2 only)");
        } else if (version > 2) {
            c.error("version", "invalid IKE version " + version + " (expected 0, 1 or 2)");
        }
        List<String> localAddrs = addresses(c, "local_addrs");
        List<String> remoteAddrs = addresses(c, "remote_addrs");
        int localPort = (int) c.number("local_port", 500, 65535);
        int remotePort = (int) c.number("remote_port", 500, 65535);
        List<String> proposals = proposals(c, "proposals", true, DEFAULT_PROPOSALS);
        List<String> vips = c.list("vips", List.of());
        for (String vip : vips) {
            reportIf(c, "vips", AddressSyntax.checkVirtualIp(vip));
        }
        boolean aggressive = c.bool("aggressive", false);
        boolean pull = c.bool("pull", true);
        String dscp = c.string("dscp", "000000");
        if (!dscp.matches("[01]{6}")) {
            c.error("dscp", "invalid DSCP '" + dscp + "' (expected six binary digits, e.g. 101110)");
        }
        boolean encap = c.bool("encap", false);
        boolean mobike = c.bool("mobike", true);
        Duration dpdDelay = c.duration("dpd_delay", Duration.ZERO);
        Duration dpdTimeout = c.duration("dpd_timeout", Duration.ZERO);
        var fragmentation = c.choice("fragmentation", ConnectionConfig.Fragmentation.YES,
                ConnectionConfig.Fragmentation.class);
        boolean sendCertreq = c.bool("send_certreq", true);
        var sendCert = c.choice("send_cert", ConnectionConfig.SendCert.IFASKED, ConnectionConfig.SendCert.class);
        int keyingtries = (int) c.number("keyingtries", 1, Integer.MAX_VALUE);
        var unique = c.choice("unique", ConnectionConfig.Unique.NO, ConnectionConfig.Unique.class);
        Duration reauth = c.duration("reauth_time", Duration.ZERO);
        // swanctl.conf(5): with reauth_time set, rekey_time defaults to 0.
        Duration rekey = c.duration("rekey_time", reauth.isZero() ? Duration.ofHours(4) : Duration.ZERO);
        Duration longer = rekey.compareTo(reauth) >= 0 ? rekey : reauth;
        Duration over = c.duration("over_time", longer.dividedBy(10));
        Duration rand = c.duration("rand_time", over);
        List<String> pools = c.list("pools", List.of());
        long ifIdIn = c.number("if_id_in", 0, 0xffffffffL);
        long ifIdOut = c.number("if_id_out", 0, 0xffffffffL);

        List<AuthConfig> local = new ArrayList<>();
        List<AuthConfig> remote = new ArrayList<>();
        List<ChildConfig> children = new ArrayList<>();
        for (SettingsSection sub : c.section.sections()) {
            if (sub.name().startsWith("local")) {
                local.add(auth(c.child(sub), false));
            } else if (sub.name().startsWith("remote")) {
                remote.add(auth(c.child(sub), true));
            } else if (sub.name().equals("children")) {
                TypedSection ch = c.child(sub);
                ch.checkKeys(java.util.Map.of());
                for (SettingsSection childSection : sub.sections()) {
                    children.add(child(ch.child(childSection)));
                }
            } else {
                c.unknownSection(sub, CONNECTION_SECTIONS);
            }
        }
        // Rounds are ordered by 'round', then by position (stable sort keeps file order).
        local.sort(Comparator.comparingInt(AuthConfig::round));
        remote.sort(Comparator.comparingInt(AuthConfig::round));
        if (local.isEmpty()) {
            local.add(defaultRound("local", c.section.position()));
        }
        if (remote.isEmpty()) {
            remote.add(defaultRound("remote", c.section.position()));
        }
        return new ConnectionConfig(c.section.name(), version, localAddrs, remoteAddrs, localPort, remotePort,
                proposals, vips, aggressive, pull, dscp, encap, mobike, dpdDelay, dpdTimeout, fragmentation,
                sendCertreq, sendCert, keyingtries, unique, reauth, rekey, over, rand, pools, ifIdIn, ifIdOut,
                local, remote, children, c.section.position());
    }

    private static AuthConfig defaultRound(String name, SourcePosition at) {
        return new AuthConfig(name, 0, "pubkey", null, null, List.of(), List.of(), List.of(),
                AuthConfig.Revocation.RELAXED, at);
    }

    private static AuthConfig auth(TypedSection a, boolean remote) {
        a.checkKeys(remote ? SwanctlSchema.REMOTE_AUTH : SwanctlSchema.LOCAL_AUTH);
        for (SettingsSection sub : a.section.sections()) {
            if (sub.name().startsWith("cert") || (remote && sub.name().startsWith("cacert"))) {
                TypedSection s = a.child(sub);
                s.checkKeys(SwanctlSchema.CERT_SECTION);
                s.warning(null, "certificate sections (tokens) are not supported by jswan yet, ignored");
            } else {
                a.unknownSection(sub, remote ? List.of("cert", "cacert") : List.of("cert"));
            }
        }
        int round = (int) a.number("round", 0, Integer.MAX_VALUE);
        String auth = a.string("auth", "pubkey").strip();
        checkAuth(a, auth);
        String id = a.string("id", null);
        String eapId = a.string("eap_id", null);
        var revocation = remote ? a.choice("revocation", AuthConfig.Revocation.RELAXED, AuthConfig.Revocation.class)
                : AuthConfig.Revocation.RELAXED;
        return new AuthConfig(a.section.name(), round, auth, id, eapId, a.list("certs", List.of()),
                remote ? a.list("cacerts", List.of()) : List.of(), a.list("pubkeys", List.of()), revocation,
                a.section.position());
    }

    /** pubkey, psk, eap[-method], xauth[-backend], or a key-strength/hash constraint like rsa-2048-sha256. */
    private static void checkAuth(TypedSection a, String auth) {
        String head = auth.contains("-") ? auth.substring(0, auth.indexOf('-')) : auth;
        if (head.startsWith("ike:")) {
            head = head.substring(4);
        }
        if (head.contains(":")) {
            head = head.substring(0, head.indexOf(':'));
        }
        List<String> methods = List.of("pubkey", "psk", "eap", "xauth", "rsa", "ecdsa", "ed25519", "ed448",
                "bliss");
        if (!methods.contains(head)) {
            a.error("auth", "unknown authentication method '" + auth + "'"
                    + Suggestions.hint(head, List.of("pubkey", "psk", "eap", "xauth")));
        } else if (head.equals("eap") || head.equals("xauth")) {
            a.warning("auth", "'" + auth + "' authentication is not supported by jswan yet");
        }
    }

    private static ChildConfig child(TypedSection ch) {
        ch.checkKeys(SwanctlSchema.CHILD);
        for (SettingsSection sub : ch.section.sections()) {
            ch.unknownSection(sub, List.of());
        }
        List<String> localTs = selectors(ch, "local_ts");
        List<String> remoteTs = selectors(ch, "remote_ts");
        List<String> esp = proposals(ch, "esp_proposals", false, DEFAULT_PROPOSALS);
        List<String> ah = ch.list("ah_proposals", List.of());
        var mode = ch.choice("mode", ChildConfig.Mode.TUNNEL, ChildConfig.Mode.class);
        if (mode == ChildConfig.Mode.BEET || mode == ChildConfig.Mode.TRANSPORT_PROXY) {
            ch.warning("mode", "mode '" + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + "' is not supported by jswan yet");
        }
        var start = ch.choice("start_action", ChildConfig.StartAction.NONE, ChildConfig.StartAction.class);
        var close = ch.choice("close_action", ChildConfig.StartAction.NONE, ChildConfig.StartAction.class);
        var dpd = ch.choice("dpd_action", ChildConfig.DpdAction.CLEAR, ChildConfig.DpdAction.class);
        Duration rekey = ch.duration("rekey_time", Duration.ofHours(1));
        Duration life = ch.duration("life_time", rekey.plus(rekey.dividedBy(10)));
        if (ch.has("life_time") && !life.isZero() && life.compareTo(rekey) <= 0) {
            ch.error("life_time", "life_time must be longer than rekey_time (" + rekey.toSeconds() + "s)");
        }
        Duration rand = ch.duration("rand_time", life.compareTo(rekey) > 0 ? life.minus(rekey) : Duration.ZERO);
        long rekeyBytes = ch.volume("rekey_bytes", 0);
        long lifeBytes = ch.volume("life_bytes", plusTenPercent(rekeyBytes));
        long randBytes = ch.volume("rand_bytes", Math.max(0, lifeBytes - rekeyBytes));
        long rekeyPackets = ch.volume("rekey_packets", 0);
        long lifePackets = ch.volume("life_packets", plusTenPercent(rekeyPackets));
        long randPackets = ch.volume("rand_packets", Math.max(0, lifePackets - rekeyPackets));
        String tfc = ch.string("tfc_padding", "0");
        long tfcPadding = 0;
        if (tfc.equalsIgnoreCase("mtu")) {
            tfcPadding = -1;
        } else {
            tfcPadding = ch.number("tfc_padding", 0, 65535);
        }
        return new ChildConfig(ch.section.name(), localTs, remoteTs, esp, ah, mode, start, close, dpd,
                rekey, life, rand, rekeyBytes, lifeBytes, randBytes, rekeyPackets, lifePackets, randPackets,
                ch.string("updown", null), ch.bool("hostaccess", false), ch.bool("policies", true),
                (int) ch.number("replay_window", 32, 1 << 20), ch.bool("ipcomp", false),
                ch.duration("inactivity", Duration.ZERO), (int) ch.number("reqid", 0, 0xffffffffL >>> 1),
                (int) ch.number("priority", 0, 0xffffffffL >>> 1), ch.string("interface", null),
                ch.number("if_id_in", 0, 0xffffffffL), ch.number("if_id_out", 0, 0xffffffffL),
                mark(ch, "mark_in"), mark(ch, "mark_out"), mark(ch, "set_mark_in"), mark(ch, "set_mark_out"),
                tfcPadding, ch.keyword("hw_offload", "no", HW_OFFLOAD), ch.bool("copy_df", true),
                ch.bool("copy_ecn", true), ch.keyword("copy_dscp", "out", COPY_DSCP), ch.bool("sha256_96", false),
                ch.section.position());
    }

    /** swanctl.conf(5): life_* defaults to rekey_* + 10%; saturates instead of overflowing. */
    private static long plusTenPercent(long v) {
        long r = v + v / 10;
        return r < v ? Long.MAX_VALUE : r;
    }

    private static ChildConfig.Mark mark(TypedSection ch, String key) {
        String v = ch.string(key, null);
        if (v == null) {
            return ChildConfig.Mark.NONE;
        }
        if (v.equals("%unique") || v.equals("%unique-dir") || v.equals("%same")) {
            return new ChildConfig.Mark(0, 0xffffffffL, v);
        }
        int slash = v.indexOf('/');
        try {
            long value = ValueSyntax.parseUnsigned(slash < 0 ? v : v.substring(0, slash), 0xffffffffL);
            long mask = slash < 0 ? 0xffffffffL : ValueSyntax.parseUnsigned(v.substring(slash + 1), 0xffffffffL);
            return new ChildConfig.Mark(value, mask, null);
        } catch (IllegalArgumentException e) {
            ch.error(key, "invalid mark '" + v + "' (expected value[/mask] or %unique)");
            return ChildConfig.Mark.NONE;
        }
    }

    private static List<String> addresses(TypedSection c, String key) {
        List<String> addrs = c.list(key, ANY);
        for (String a : addrs) {
            reportIf(c, key, AddressSyntax.checkIkeAddress(a));
        }
        return addrs;
    }

    private static List<String> selectors(TypedSection c, String key) {
        List<String> ts = c.list(key, DYNAMIC);
        for (String t : ts) {
            reportIf(c, key, AddressSyntax.checkTrafficSelector(t));
        }
        return ts;
    }

    private static List<String> proposals(TypedSection c, String key, boolean ike, List<String> def) {
        List<String> proposals = c.list(key, def);
        for (ProposalKeywords.Finding f : ProposalKeywords.check(proposals, ike)) {
            if (f.error()) {
                c.error(key, f.message());
            } else {
                c.warning(key, f.message());
            }
        }
        return proposals;
    }

    private static void reportIf(TypedSection c, String key, String problem) {
        if (problem != null) {
            c.error(key, problem);
        }
    }
}
