package org.jswan.gateway.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jswan.config.ConfigLoader;
import org.jswan.config.ConfigProblem;
import org.jswan.config.ConfigValidator;
import org.jswan.config.LoadedConfig;
import org.jswan.config.SwanctlConfig;
import org.jswan.config.ValidationResult;
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
 * {@link GatewayControl} over the IKE daemon: maps {@link IkeDaemon}'s snapshots to the VICI views, reloads the
 * swanctl directory and loads connections and credentials sent over VICI. The daemon runs the union of both:
 * directory connections plus VICI-loaded ones (a VICI {@code load-conn} replaces a directory connection of the same
 * name; a directory reload replaces a VICI one of the same name, as the later load wins). Credentials from
 * {@code load-shared}, {@code load-cert} and {@code load-key} are kept on top of the directory's until
 * {@code clear-creds} or the next directory reload.
 */
public final class DaemonControl implements GatewayControl {
    /** jswan's own VICI command: drop counters by reason. */
    public static final String DROPS_COMMAND = "jswan-drops";
    private static final System.Logger CFG = System.getLogger("CFG");

    private final IkeDaemon ike;
    private final Path configDir;
    private final Supplier<Map<String, Long>> dataPlaneDrops;
    private final Object lock = new Object();
    /** Secrets from load-shared by id (swanctl's section name); secrets without id get a private key. */
    private final java.util.Map<String, SharedSecrets.Entry> viciSecrets = new java.util.LinkedHashMap<>();
    private int anonymousSecrets;
    private final List<X509Certificate> viciCerts = new ArrayList<>();
    private final List<X509Certificate> viciAuthorities = new ArrayList<>();
    private final List<PrivateKey> viciKeys = new ArrayList<>();
    private final Map<String, PeerConfig> dirConns = new LinkedHashMap<>();
    private final Map<String, ViciConn> viciConns = new LinkedHashMap<>();
    private SharedSecrets dirSecrets = SharedSecrets.none();
    private CredentialStore dirCredentials = new CredentialStore(List.of(), List.of(), List.of());

    /** A connection loaded over VICI with the certificates its {@code certs}/{@code cacerts} carried. */
    private record ViciConn(PeerConfig config, List<X509Certificate> certs, List<X509Certificate> cacerts) {
    }

    /**
     * The checked content of a config directory, ready for {@link #apply}; {@code error} null when usable. A
     * missing swanctl.conf reads as one without connections, so a daemon can start and be configured over VICI.
     */
    public record DirConfig(List<PeerConfig> connections, SharedSecrets secrets, CredentialStore credentials,
            String error) {
        public boolean ok() {
            return error == null;
        }

        static DirConfig failed(final String error) {
            return new DirConfig(List.of(), SharedSecrets.none(), null, error);
        }
    }

    public DaemonControl(final IkeDaemon ike, final Path configDir, final Supplier<Map<String, Long>> dataPlaneDrops) {
        this.ike = ike;
        this.configDir = configDir;
        this.dataPlaneDrops = dataPlaneDrops;
    }

    /** Reads and checks {@code configDir/swanctl.conf} and its credential folders; changes nothing. */
    public static DirConfig read(final Path configDir) {
        LoadedConfig loaded;
        if (Files.isDirectory(configDir) && !Files.exists(configDir.resolve("swanctl.conf"))) {
            CFG.log(System.Logger.Level.WARNING, configDir.resolve("swanctl.conf") + " not found, starting without "
                    + "connections (load them with swanctl --load-all or jswan load-all)");
            loaded = new LoadedConfig(configDir, SwanctlConfig.EMPTY, List.of(), Map.of());
        } else {
            loaded = new ConfigLoader().load(configDir);
        }
        List<String> problems = new ArrayList<>();
        for (ConfigProblem p : loaded.problems()) {
            if (p.isError()) {
                problems.add(p.toString());
            } else {
                CFG.log(System.Logger.Level.WARNING, p.toString());
            }
        }
        if (!problems.isEmpty()) {
            return DirConfig.failed(String.join("\n", problems));
        }
        CredentialStore creds;
        try {
            creds = CredentialStore.load(configDir);
        } catch (CredentialException e) {
            return DirConfig.failed(e.getMessage());
        }
        PeerConfigFactory.Result r = new PeerConfigFactory(configDir, creds).build(loaded.config());
        if (!r.ok()) {
            return DirConfig.failed(String.join("\n", r.problems()));
        }
        return new DirConfig(r.connections(), r.secrets(), creds, null);
    }

    /**
     * Re-reads {@code configDir/swanctl.conf} and its credential folders and hands the result to the daemon;
     * unchanged connections keep their SAs. On errors nothing is loaded and every problem is in the message.
     */
    public ControlResult reload() {
        DirConfig dir = read(configDir);
        if (!dir.ok()) {
            return ControlResult.failed(dir.error());
        }
        apply(dir);
        return ControlResult.ok();
    }

    /**
     * Makes {@code dir} the directory part of the running configuration (the daemon's initial load, SIGHUP,
     * {@code jswan load-all}): VICI-loaded credentials are dropped, VICI-loaded connections of other names kept.
     */
    public void apply(final DirConfig dir) {
        if (!dir.ok()) {
            throw new IllegalArgumentException("cannot apply a failed directory load");
        }
        synchronized (lock) {
            dirCredentials = dir.credentials();
            dirSecrets = dir.secrets();
            viciSecrets.clear();
            viciCerts.clear();
            viciAuthorities.clear();
            viciKeys.clear();
            dirConns.clear();
            for (PeerConfig p : dir.connections()) {
                dirConns.put(p.name(), p);
                viciConns.remove(p.name());
            }
            push();
        }
    }

    /** Hands the union of directory and VICI state to the daemon; called with the lock held. */
    private void push() {
        ike.load(effectiveConnections(), dirSecrets.plus(new ArrayList<>(viciSecrets.values())), credentials());
    }

    private List<PeerConfig> effectiveConnections() {
        List<PeerConfig> out = new ArrayList<>();
        for (PeerConfig p : dirConns.values()) {
            if (!viciConns.containsKey(p.name())) {
                out.add(p);
            }
        }
        viciConns.values().forEach(v -> out.add(v.config()));
        return out;
    }

    private CredentialStore credentials() {
        List<X509Certificate> certs = new ArrayList<>(dirCredentials.certificates());
        List<X509Certificate> cas = new ArrayList<>(dirCredentials.authorities());
        List<PrivateKey> keys = new ArrayList<>(dirCredentials.privateKeys());
        addNew(certs, viciCerts);
        addNew(cas, viciAuthorities);
        for (ViciConn v : viciConns.values()) {
            addNew(certs, v.certs());
            addNew(cas, v.cacerts());
        }
        for (PrivateKey k : viciKeys) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        return new CredentialStore(certs, cas, keys);
    }

    private static void addNew(final List<X509Certificate> to, final List<X509Certificate> from) {
        for (X509Certificate c : from) {
            if (!to.contains(c)) {
                to.add(c);
            }
        }
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
                    c.spiIn(), c.spiOut(), algorithm(c.encryption()), keySize(c.encryption()), c.integrity(), 0,
                    c.keyExchange(), false, c.bytesIn(), c.packetsIn(), c.useInSeconds(), c.bytesOut(),
                    c.packetsOut(), c.useOutSeconds(), c.rekeyInSeconds(), c.lifeInSeconds(), c.installedSeconds(),
                    c.localTs(), c.remoteTs()));
        }
        return new IkeSaView(sa.name(), sa.uniqueId(), 2, sa.state(), sa.localHost(), sa.localPort(), sa.localId(),
                sa.remoteHost(), sa.remotePort(), sa.remoteId(), sa.initiator(), sa.spiI(), sa.spiR(), sa.natLocal(),
                sa.natRemote(), algorithm(sa.encryption()), keySize(sa.encryption()), sa.integrity(), 0, sa.prf(),
                sa.keyExchange(),
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

    private static final java.util.regex.Pattern SIZED = java.util.regex.Pattern.compile("(.+)_(128|192|256)");

    /** list-sa reports the key size apart ({@code encr-alg AES_GCM_16}, {@code encr-keysize 128}). */
    static String algorithm(final String name) {
        if (name == null) {
            return null;
        }
        java.util.regex.Matcher m = SIZED.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    static int keySize(final String name) {
        java.util.regex.Matcher m = name == null ? null : SIZED.matcher(name);
        return m != null && m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    private static ConnView.Auth auth(final AuthSpec a) {
        return new ConnView.Auth(a.psk() ? "pre-shared key" : "public key", a.id() == null ? null : a.id().toString());
    }

    private static long seconds(final java.time.Duration d) {
        return d == null ? 0 : d.toSeconds();
    }

    @Override
    public List<String> getConns() {
        // All active connections, directory ones included: swanctl --load-all unloads what its file lacks.
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
            return request.timeoutMillis() < 0 ? ControlResult.ok() : awaitChild(sa, request, log);
        } catch (RuntimeException e) {
            return ControlResult.failed(message(e));
        }
    }

    /** Longest wait of an initiate without timeout: beyond strongSwan's retransmission schedule (165 s). */
    private static final long INITIATE_MAX_WAIT_MILLIS = 180_000;

    /**
     * As charon's initiate: the answer comes when the CHILD_SA is up (success) or its IKE_SA is gone (failure, the
     * daemon log says why), or when {@code timeoutMillis} has passed.
     */
    private ControlResult awaitChild(final String sa, final InitiateRequest request, final ControlLogSink log) {
        long wait = request.timeoutMillis() == 0 ? INITIATE_MAX_WAIT_MILLIS : request.timeoutMillis();
        long deadline = System.currentTimeMillis() + wait;
        boolean ikeUp = false;
        while (true) {
            org.jswan.ike.daemon.IkeSaView view = null;
            for (var v : ike.listSas()) {
                if (sa.equals(v.name() + "[" + v.uniqueId() + "]")) {
                    view = v;
                }
            }
            if (view == null) {
                return ControlResult.failed("establishing CHILD_SA '" + request.child() + "' failed: IKE_SA " + sa
                        + " is gone (jswan log shows why)");
            }
            if (!ikeUp && "ESTABLISHED".equals(view.state())) {
                ikeUp = true;
                log.log("IKE", 1, view.name(), view.uniqueId(), "IKE_SA " + sa + " established between "
                        + view.localHost() + "[" + view.localId() + "]..." + view.remoteHost() + "["
                        + view.remoteId() + "]");
            }
            for (var c : view.children()) {
                if (c.name().equals(request.child()) && "INSTALLED".equals(c.state())) {
                    log.log("IKE", 1, view.name(), view.uniqueId(), "CHILD_SA " + c.name() + "{" + c.uniqueId()
                            + "} established with SPIs " + String.format("%08x_i %08x_o", c.spiIn(), c.spiOut()));
                    return ControlResult.ok();
                }
            }
            if (System.currentTimeMillis() > deadline) {
                return ControlResult.failed("initiating CHILD_SA '" + request.child() + "' timed out after "
                        + wait / 1000 + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ControlResult.failed("interrupted");
            }
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

    /**
     * Converts the swanctl.conf subtree swanctl sent into jswan's config model through the same validator and
     * {@link PeerConfigFactory} as the directory (PSKs are not required to be loaded yet: they come separately),
     * then loads or replaces the connection. Problems come back naming the key, e.g.
     * {@code connections.s2s.children.net.esp_proposals: unknown algorithm ...}.
     */
    @Override
    public ControlResult loadConn(final String name, final ViciMessage config) {
        ViciConnTree tree;
        try {
            tree = ViciConnTree.of(name, config);
        } catch (IllegalArgumentException e) {
            return ControlResult.failed(e.getMessage());
        }
        ValidationResult v = new ConfigValidator().validateWithoutSecrets(tree.root());
        List<String> problems = new ArrayList<>();
        for (ConfigProblem p : v.problems()) {
            String text = (p.keyPath().isEmpty() ? "" : p.keyPath() + ": ") + p.message();
            if (p.isError()) {
                problems.add(text);
            } else {
                CFG.log(System.Logger.Level.WARNING, "load-conn '" + name + "': " + text);
            }
        }
        if (!problems.isEmpty()) {
            return ControlResult.failed(String.join("; ", problems));
        }
        synchronized (lock) {
            List<X509Certificate> certs = new ArrayList<>(credentials().certificates());
            addNew(certs, tree.certs());
            List<X509Certificate> cas = new ArrayList<>(credentials().authorities());
            addNew(cas, tree.cacerts());
            CredentialStore withConn = new CredentialStore(certs, cas, credentials().privateKeys());
            PeerConfigFactory.Result r = new PeerConfigFactory(configDir, withConn).build(v.config());
            if (!r.ok() || r.connections().size() != 1) {
                return ControlResult.failed(r.ok() ? "no connection '" + name + "' in the request"
                        : String.join("; ", r.problems()));
            }
            ViciConn previous = viciConns.get(name);
            PeerConfig conn = r.connections().get(0);
            viciConns.put(name, new ViciConn(conn, tree.certs(), tree.cacerts()));
            push();
            CFG.log(System.Logger.Level.INFO, (previous != null || dirConns.containsKey(name) ? "replaced"
                    : "added") + " vici connection: " + name);
        }
        return ControlResult.ok();
    }

    @Override
    public ControlResult unloadConn(final String name) {
        synchronized (lock) {
            boolean found = viciConns.remove(name) != null;
            found |= dirConns.remove(name) != null;
            if (!found) {
                return ControlResult.failed("unloading connection '" + name + "' failed, not found");
            }
            push();
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
            String key = secret.id() != null ? secret.id() : "\0" + anonymousSecrets++;
            viciSecrets.put(key, new SharedSecrets.Entry(ids, secret.secret()));
            push();
        }
        return ControlResult.ok();
    }

    @Override
    public List<String> getShared() {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (String id : viciSecrets.keySet()) {
                if (!id.startsWith("\0")) {
                    out.add(id);
                }
            }
            return out;
        }
    }

    @Override
    public ControlResult unloadShared(final String id) {
        synchronized (lock) {
            if (viciSecrets.remove(id) == null) {
                return ControlResult.failed("shared secret '" + id + "' not found");
            }
            push();
        }
        return ControlResult.ok();
    }

    @Override
    public ControlResult clearCreds() {
        synchronized (lock) {
            viciSecrets.clear();
            viciCerts.clear();
            viciAuthorities.clear();
            viciKeys.clear();
            push();
        }
        return ControlResult.ok();
    }

    /**
     * Adds an X.509 certificate (DER or PEM) to the daemon's credentials: flag {@code CA} as a trusted authority,
     * {@code NONE} as an end-entity certificate. Attribute certificates, CRLs and OCSP signers are refused.
     */
    @Override
    public ControlResult loadCert(final String type, final String flag, final byte[] data) {
        if (!"X509".equalsIgnoreCase(type)) {
            return ControlResult.failed("certificates of type " + type + " are not supported by jswan yet");
        }
        boolean ca = "CA".equalsIgnoreCase(flag);
        if (!ca && !"NONE".equalsIgnoreCase(flag)) {
            return ControlResult.failed("X.509 certificates with flag " + flag + " are not supported by jswan yet");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(data));
        } catch (java.security.cert.CertificateException | ClassCastException e) {
            return ControlResult.failed("cannot parse certificate: " + e.getMessage());
        }
        synchronized (lock) {
            List<X509Certificate> to = ca ? viciAuthorities : viciCerts;
            if (!to.contains(cert)) {
                to.add(cert);
            }
            push();
        }
        CFG.log(System.Logger.Level.INFO, "loaded " + (ca ? "CA " : "") + "certificate '"
                + cert.getSubjectX500Principal().getName() + "' over vici");
        return ControlResult.ok();
    }

    /** Adds a private key (swanctl's DER: PKCS#1 RSA, SEC1 ECDSA, PKCS#8) to the daemon's credentials. */
    @Override
    public ControlResult loadKey(final String type, final byte[] data) {
        PrivateKey key;
        try {
            key = ViciPrivateKey.decode(type, data);
        } catch (IllegalArgumentException e) {
            return ControlResult.failed(e.getMessage());
        }
        synchronized (lock) {
            if (!viciKeys.contains(key)) {
                viciKeys.add(key);
            }
            push();
        }
        CFG.log(System.Logger.Level.INFO, "loaded " + key.getAlgorithm() + " private key over vici");
        return ControlResult.ok();
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
