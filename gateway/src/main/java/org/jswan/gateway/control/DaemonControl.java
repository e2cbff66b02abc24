package org.jswan.gateway.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jswan.config.ConfigLoader;
import org.jswan.config.ConfigProblem;
import org.jswan.config.LoadedConfig;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.auth.IdentityException;
import org.jswan.ike.cred.CredentialException;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.daemon.IkeDaemon;
import org.jswan.ike.peer.AuthSpec;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.PeerConfigFactory;
import org.jswan.ike.peer.SharedSecrets;

/**
 * {@link GatewayControl} over the IKE daemon: maps {@link IkeDaemon}'s snapshots to the VICI views and reloads the
 * swanctl directory. Connections come from the config directory only; {@code load-conn} over VICI is answered with
 * success when the connection is already loaded from there (so {@code swanctl --load-all} against the same files
 * works), and with "not supported yet" otherwise. PSKs from {@code load-shared} are kept on top of the directory's
 * secrets until {@code clear-creds} or the next reload.
 */
public final class DaemonControl implements GatewayControl {
    /** jswan's own VICI command: drop counters by reason. */
    public static final String DROPS_COMMAND = "jswan-drops";
    private static final System.Logger CFG = System.getLogger("CFG");

    private final IkeDaemon ike;
    private final Path configDir;
    private final Supplier<Map<String, Long>> dataPlaneDrops;
    private final Object lock = new Object();
    private final List<SharedSecrets.Entry> viciSecrets = new ArrayList<>();
    private SharedSecrets dirSecrets = SharedSecrets.none();
    private CredentialStore credentials = new CredentialStore(List.of(), List.of(), List.of());

    public DaemonControl(final IkeDaemon ike, final Path configDir, final Supplier<Map<String, Long>> dataPlaneDrops) {
        this.ike = ike;
        this.configDir = configDir;
        this.dataPlaneDrops = dataPlaneDrops;
    }

    /**
     * Re-reads {@code configDir/swanctl.conf} and its credential folders and hands the result to the daemon;
     * unchanged connections keep their SAs. On errors nothing is loaded and every problem is in the message.
     */
    public ControlResult reload() {
        LoadedConfig loaded = new ConfigLoader().load(configDir);
        List<String> problems = new ArrayList<>();
        for (ConfigProblem p : loaded.problems()) {
            if (p.isError()) {
                problems.add(p.toString());
            } else {
                CFG.log(System.Logger.Level.WARNING, p.toString());
            }
        }
        if (!problems.isEmpty()) {
            return ControlResult.failed(String.join("\n", problems));
        }
        CredentialStore creds;
        try {
            creds = CredentialStore.load(configDir);
        } catch (CredentialException e) {
            return ControlResult.failed(e.getMessage());
        }
        PeerConfigFactory.Result r = new PeerConfigFactory(configDir, creds).build(loaded.config());
        if (!r.ok()) {
            return ControlResult.failed(String.join("\n", r.problems()));
        }
        synchronized (lock) {
            credentials = creds;
            dirSecrets = r.secrets();
            viciSecrets.clear();
            ike.load(r.connections(), dirSecrets, creds);
        }
        return ControlResult.ok();
    }

    /**
     * The VICI handler to serve: {@link ViciCommands} plus the jswan-specific command {@value #DROPS_COMMAND},
     * whose answer holds one key per drop reason ({@link #drops()}), read by {@code jswan stats}.
     */
    public ViciCommandHandler viciHandler() {
        ViciCommands vici = new ViciCommands(this);
        java.util.Set<String> commands = new java.util.HashSet<>(vici.commands());
        commands.add(DROPS_COMMAND);
        java.util.Set<String> all = java.util.Set.copyOf(commands);
        return new ViciCommandHandler() {
            @Override
            public java.util.Set<String> commands() {
                return all;
            }

            @Override
            public java.util.Set<String> events() {
                return vici.events();
            }

            @Override
            public ViciMessage handle(final String command, final ViciMessage request, final ViciEventSink sink)
                    throws Exception {
                if (DROPS_COMMAND.equals(command)) {
                    ViciMessage.Builder b = ViciMessage.builder();
                    drops().forEach(b::add);
                    return b.build();
                }
                return vici.handle(command, request, sink);
            }
        };
    }

    @Override
    public ControlResult reloadSettings() {
        return reload();
    }

    @Override
    public VersionInfo version() {
        String v = DaemonControl.class.getPackage().getImplementationVersion();
        return new VersionInfo("jswan", v == null ? "development build" : v);
    }

    @Override
    public GatewayStats stats() {
        List<org.jswan.ike.daemon.IkeSaView> sas = ike.listSas();
        int halfOpen = 0;
        for (var sa : sas) {
            if ("CONNECTING".equals(sa.state()) || "CREATED".equals(sa.state())) {
                halfOpen++;
            }
        }
        return new GatewayStats(Instant.ofEpochMilli(ike.startedAtMillis()), 1, 1, sas.size(), halfOpen, List.of());
    }

    /** Dropped packets by reason: IKE drops as {@code ike:<reason>}, data-plane drops as {@code esp:<reason>}. */
    public Map<String, Long> drops() {
        Map<String, Long> out = new TreeMap<>();
        ike.counters().drops().forEach((k, v) -> out.put("ike:" + k, v));
        Map<String, Long> dp = dataPlaneDrops.get();
        if (dp != null) {
            dp.forEach((k, v) -> out.put("esp:" + k, v));
        }
        return out;
    }

    @Override
    public List<IkeSaView> listSas(final String ikeName, final long ikeUniqueId) {
        List<IkeSaView> out = new ArrayList<>();
        for (var sa : ike.listSas()) {
            if (ikeName != null && !ikeName.equals(sa.name()) || ikeUniqueId != 0 && ikeUniqueId != sa.uniqueId()) {
                continue;
            }
            out.add(view(sa));
        }
        return out;
    }

    static IkeSaView view(final org.jswan.ike.daemon.IkeSaView sa) {
        List<ChildSaView> children = new ArrayList<>();
        for (var c : sa.children()) {
            children.add(new ChildSaView(c.name(), c.uniqueId(), c.reqid(), c.state(), c.mode(), "ESP", c.encap(),
                    c.spiIn(), c.spiOut(), c.encryption(), 0, c.integrity(), 0, c.keyExchange(), false, c.bytesIn(),
                    c.packetsIn(), c.useInSeconds(), c.bytesOut(), c.packetsOut(), c.useOutSeconds(),
                    c.rekeyInSeconds(), c.lifeInSeconds(), c.installedSeconds(), c.localTs(), c.remoteTs()));
        }
        return new IkeSaView(sa.name(), sa.uniqueId(), 2, sa.state(), sa.localHost(), sa.localPort(), sa.localId(),
                sa.remoteHost(), sa.remotePort(), sa.remoteId(), sa.initiator(), sa.spiI(), sa.spiR(), sa.natLocal(),
                sa.natRemote(), sa.encryption(), 0, sa.integrity(), 0, sa.prf(), sa.keyExchange(),
                sa.establishedSeconds(), sa.rekeyInSeconds(), -1, List.of(), List.of(), children);
    }

    @Override
    public List<ConnView> listConns(final String ikeName) {
        List<ConnView> out = new ArrayList<>();
        for (PeerConfig p : ike.connections()) {
            if (ikeName != null && !ikeName.equals(p.name())) {
                continue;
            }
            List<ConnView.Child> children = new ArrayList<>();
            for (ChildPeerConfig c : p.children()) {
                List<String> l = new ArrayList<>();
                c.localTs().forEach(t -> l.add(t.toString()));
                List<String> r = new ArrayList<>();
                c.remoteTs().forEach(t -> r.add(t.toString()));
                children.add(new ConnView.Child(c.name(), c.transportMode() ? "TRANSPORT" : "TUNNEL", l, r,
                        seconds(c.rekeyTime()), c.rekeyBytes(), c.rekeyPackets(), c.dpdAction().name().toLowerCase()));
            }
            out.add(new ConnView(p.name(), p.localAddrs(), p.remoteAddrs(), 2, seconds(p.reauthTime()),
                    seconds(p.rekeyTime()), seconds(p.dpdDelay()), List.of(auth(p.local())), List.of(auth(p.remote())),
                    children));
        }
        return out;
    }

    private static ConnView.Auth auth(final AuthSpec a) {
        return new ConnView.Auth(a.psk() ? "pre-shared key" : "public key", a.id() == null ? null : a.id().toString());
    }

    private static long seconds(final java.time.Duration d) {
        return d == null ? 0 : d.toSeconds();
    }

    @Override
    public List<String> getConns() {
        // Connections loaded over VICI are not supported; report the directory's so swanctl sees what is active.
        List<String> out = new ArrayList<>();
        ike.connections().forEach(p -> out.add(p.name()));
        return out;
    }

    @Override
    public ControlResult initiate(final InitiateRequest request, final ControlLogSink log) {
        try {
            log.log("CFG", 1, request.ike(), 0, "initiating '" + request.child() + "'");
            String sa = ike.initiate(request.ike(), request.child());
            log.log("IKE", 1, request.ike(), 0, "initiated " + sa);
            return ControlResult.ok();
        } catch (RuntimeException e) {
            return ControlResult.failed(message(e));
        }
    }

    @Override
    public ControlResult terminate(final TerminateRequest request, final ControlLogSink log) {
        String name = request.ike();
        if (name == null && request.ikeId() != 0) {
            for (var sa : ike.listSas()) {
                if (sa.uniqueId() == request.ikeId()) {
                    name = sa.name();
                }
            }
            if (name == null) {
                return ControlResult.failed("no IKE_SA with unique id " + request.ikeId() + " found");
            }
        }
        if (name == null) {
            return ControlResult.failed("terminating CHILD_SAs alone is not supported yet; select the IKE_SA");
        }
        int n = ike.terminate(name);
        if (n == 0) {
            return ControlResult.failed("no IKE_SA '" + name + "' found");
        }
        log.log("IKE", 1, name, request.ikeId(), "deleting " + n + " IKE_SA(s) of '" + name + "'");
        return ControlResult.ok();
    }

    @Override
    public ControlResult rekey(final RekeyRequest request) {
        boolean wholeIke = request.child() == null && request.childId() == 0;
        String name = request.ike();
        if (name == null && request.child() != null) {
            for (PeerConfig p : ike.connections()) {
                if (p.child(request.child()) != null) {
                    name = p.name();
                }
            }
            if (name == null) {
                return ControlResult.failed("no connection with child '" + request.child() + "' found");
            }
        }
        if (name == null) {
            return ControlResult.failed("rekey needs an IKE or CHILD_SA name");
        }
        int n = ike.rekey(name, wholeIke);
        return n == 0 ? ControlResult.failed("no established SA of '" + name + "' to rekey") : ControlResult.ok();
    }

    @Override
    public ControlResult loadConn(final String name, final ViciMessage config) {
        for (PeerConfig p : ike.connections()) {
            if (p.name().equals(name)) {
                // swanctl --load-all against the files jswan itself loaded: nothing to do.
                return ControlResult.ok();
            }
        }
        return ControlResult.failed("loading connection '" + name + "' over VICI is not supported yet; add it to "
                + configDir.resolve("swanctl.conf") + " and run jswan load-all");
    }

    @Override
    public ControlResult unloadConn(final String name) {
        synchronized (lock) {
            List<PeerConfig> keep = new ArrayList<>();
            boolean found = false;
            for (PeerConfig p : ike.connections()) {
                if (p.name().equals(name)) {
                    found = true;
                } else {
                    keep.add(p);
                }
            }
            if (!found) {
                return ControlResult.failed("connection '" + name + "' not found");
            }
            ike.load(keep, dirSecrets.plus(viciSecrets), credentials);
        }
        return ControlResult.ok();
    }

    @Override
    public ControlResult loadShared(final SharedSecret secret) {
        if (!"IKE".equalsIgnoreCase(secret.type())) {
            return ControlResult.failed("shared secrets of type " + secret.type() + " are not supported yet");
        }
        List<Identity> ids = new ArrayList<>();
        for (String owner : secret.owners()) {
            try {
                ids.add(Identity.parse(owner));
            } catch (IdentityException e) {
                return ControlResult.failed("invalid owner '" + owner + "': " + e.getMessage());
            }
        }
        synchronized (lock) {
            viciSecrets.add(new SharedSecrets.Entry(ids, secret.secret()));
            ike.load(ike.connections(), dirSecrets.plus(viciSecrets), credentials);
        }
        return ControlResult.ok();
    }

    @Override
    public ControlResult clearCreds() {
        synchronized (lock) {
            viciSecrets.clear();
            ike.load(ike.connections(), dirSecrets, credentials);
        }
        return ControlResult.ok();
    }

    /**
     * Certificates come from the config directory only; a {@code load-cert} of a certificate the directory already
     * holds succeeds (so {@code swanctl --load-all} against the same directory works), others are refused.
     */
    @Override
    public ControlResult loadCert(final String type, final String flag, final byte[] data) {
        try {
            java.security.cert.Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(data));
            CredentialStore creds;
            synchronized (lock) {
                creds = credentials;
            }
            if (creds.certificates().contains(cert) || creds.authorities().contains(cert)) {
                return ControlResult.ok();
            }
        } catch (java.security.cert.CertificateException e) {
            return ControlResult.failed("cannot parse certificate: " + e.getMessage());
        }
        return ControlResult.failed("loading certificates over VICI is not supported yet; put it into " + configDir
                + "/x509 or x509ca and run jswan load-all");
    }

    /**
     * Like {@link #loadCert}: succeeds for a key the config directory already holds (compared as PKCS#8, or as the
     * PKCS#1/SEC1 key inside it), refuses others.
     */
    @Override
    public ControlResult loadKey(final String type, final byte[] data) {
        CredentialStore creds;
        synchronized (lock) {
            creds = credentials;
        }
        for (java.security.PrivateKey k : creds.privateKeys()) {
            byte[] pkcs8 = k.getEncoded();
            if (pkcs8 != null && (java.util.Arrays.equals(pkcs8, data) || contains(pkcs8, data))) {
                return ControlResult.ok();
            }
        }
        return ControlResult.failed("loading private keys over VICI is not supported yet; put it into " + configDir
                + "/private and run jswan load-all");
    }

    private static boolean contains(final byte[] outer, final byte[] inner) {
        if (inner.length < 32 || inner.length > outer.length) {
            return false;
        }
        outer:
        for (int i = 0; i + inner.length <= outer.length; i++) {
            for (int j = 0; j < inner.length; j++) {
                if (outer[i + j] != inner[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public List<PoolView> getPools(final boolean withLeases) {
        return List.of();
    }

    @Override
    public ControlResult loadPool(final String name, final ViciMessage config) {
        return ControlResult.failed("virtual IP pools are not supported yet");
    }

    @Override
    public ControlResult unloadPool(final String name) {
        return ControlResult.failed("virtual IP pools are not supported yet");
    }

    private static String message(final RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
