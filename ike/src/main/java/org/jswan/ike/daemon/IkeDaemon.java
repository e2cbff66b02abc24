package org.jswan.ike.daemon;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jswan.ike.codec.DecodeException;
import org.jswan.ike.codec.Fragment;
import org.jswan.ike.codec.MessageCodec;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.SharedSecrets;
import org.jswan.ike.peer.VirtualIpPool;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.ChildSaState;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.sa.IkeSaState;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.BackendListener;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.task.RetransmitSchedule;
import org.jswan.ike.task.TaskContext;
import org.jswan.ike.task.TaskManager;
import org.jswan.ike.task.TaskType;
import org.jswan.ike.task.Tasks;

/**
 * The IKE daemon. One thread ("jswan-ike") owns every IKE_SA and CHILD_SA: datagrams, timers, backend events and
 * control commands all arrive as jobs on it, so no SA state is ever shared between threads (STYLE.md B.4).
 */
public final class IkeDaemon implements TaskContext, AutoCloseable {
    private static final System.Logger IKE = System.getLogger("IKE");
    private static final System.Logger NET = System.getLogger("NET");
    private static final System.Logger ENC = System.getLogger("ENC");
    private static final System.Logger CFG = System.getLogger("CFG");

    private final ScheduledExecutorService loop;
    private final IpsecBackend backend;
    private final IkeSender sender;
    private final SecureRandom random = new SecureRandom();
    private final DaemonSettings settings;
    /** Deferred deletions of rekeyed CHILD_SAs' inbound SAs (control thread only), run at once on shutdown. */
    private final Set<Runnable> pendingRemovals = new LinkedHashSet<>();
    private final IkeCounters counters = new IkeCounters();
    private final Map<Long, IkeSa> bySpi = new HashMap<>();
    private final Map<String, IkeSa> halfOpen = new HashMap<>();
    private final Map<IkeSa, TaskManager> managers = new LinkedHashMap<>();
    private final CookieJar cookies;
    private volatile List<PeerConfig> peers = List.of();
    private volatile SharedSecrets secrets = SharedSecrets.none();
    private volatile CredentialStore credentials;
    private int nextSaId = 1;
    private int nextChildId = 1;
    private int nextReqid = 1;
    private final TrapManager traps;
    private final AddressPools addressPools = new AddressPools();
    private final long startedAtMillis = System.currentTimeMillis();

    public IkeDaemon(final DaemonSettings settings, final IpsecBackend backend, final IkeSender sender,
                     final CredentialStore credentials) {
        this.settings = settings;
        this.backend = backend;
        this.sender = sender;
        this.credentials = credentials;
        this.cookies = new CookieJar(random);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jswan-ike");
            t.setDaemon(true);
            return t;
        });
        this.traps = new TrapManager(backend);
        backend.setListener(new BackendListener() {
            @Override
            public void onExpire(final int reqid, final int spi, final boolean hard) {
                loop.execute(() -> IkeDaemon.this.onExpire(reqid, spi, hard));
            }

            @Override
            public void onAcquire(final int reqid) {
                loop.execute(() -> IkeDaemon.this.onAcquire(reqid));
            }
        });
    }

    // ---------------------------------------------------------------- control API (any thread)

    /** Replaces the connections and secrets; established SAs of unchanged connections keep running. */
    public void load(final List<PeerConfig> connections, final SharedSecrets psks, final CredentialStore creds) {
        call(() -> {
            Map<String, PeerConfig> byName = new HashMap<>();
            for (PeerConfig p : connections) {
                byName.put(p.name(), p);
            }
            for (IkeSa sa : new ArrayList<>(managers.keySet())) {
                PeerConfig now = byName.get(sa.name());
                if (now == null) {
                    CFG.log(System.Logger.Level.INFO, "connection '" + sa.name() + "' removed, closing " + sa);
                    terminateNow(sa);
                } else if (!now.equals(sa.config())) {
                    sa.config(now);
                }
            }
            peers = List.copyOf(connections);
            secrets = psks;
            credentials = creds;
            traps.retainOnly(peers);
            for (PeerConfig p : peers) {
                for (ChildPeerConfig c : p.children()) {
                    if (c.startAction() == ChildPeerConfig.StartAction.TRAP) {
                        installTrap(p, c);
                    }
                }
            }
            CFG.log(System.Logger.Level.INFO, "loaded " + connections.size() + " connection(s), " + psks.size()
                    + " shared secret(s)");
            return null;
        });
    }

    /**
     * Starts the children with {@code start_action = start} that are not up or coming up already: after a reload
     * (SIGHUP), an unchanged connection keeps its SAs instead of getting a second IKE_SA whose INITIAL_CONTACT
     * would make the peer drop the first.
     */
    public void startConnections() {
        call(() -> {
            for (PeerConfig p : peers) {
                List<ChildPeerConfig> wanted = new ArrayList<>();
                for (ChildPeerConfig c : p.children()) {
                    if (c.startAction() == ChildPeerConfig.StartAction.START) {
                        wanted.add(c);
                    }
                }
                if (!wanted.isEmpty()) {
                    start(p, wanted);
                }
            }
            return null;
        });
    }

    /**
     * Brings up the {@code wanted} children of {@code p} as strongSwan does: all on one IKE_SA, the first in
     * IKE_AUTH and the others by CREATE_CHILD_SA after it. Children already up stay as they are, so a reload does
     * not negotiate anything again; while an IKE_SA of the connection is still being set up nothing is added.
     */
    private void start(final PeerConfig p, final List<ChildPeerConfig> wanted) {
        IkeSa existing = null;
        for (IkeSa sa : managers.keySet()) {
            if (!sa.name().equals(p.name())) {
                continue;
            }
            switch (sa.state()) {
                case CREATED:
                case CONNECTING:
                    return;
                case ESTABLISHED:
                case REKEYING:
                case PASSIVE:
                    existing = sa;
                    break;
                default:
                    break;
            }
        }
        List<ChildPeerConfig> missing = new ArrayList<>();
        for (ChildPeerConfig c : wanted) {
            boolean up = existing != null && existing.children().stream().anyMatch(x -> x.name().equals(c.name()));
            if (!up) {
                missing.add(c);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        IkeSa sa = existing;
        if (sa == null) {
            sa = initiateNow(p, missing.remove(0));
        }
        TaskManager tm = managers.get(sa);
        for (ChildPeerConfig c : missing) {
            tm.queue(Tasks.childCreate(sa, this, c));
        }
        tm.initiate();
    }

    /**
     * Initiates {@code child} of {@code connection} (or of the connection that has such a child): on the
     * connection's established IKE_SA if it has one (CREATE_CHILD_SA), else with a new IKE_SA.
     */
    public String initiate(final String connection, final String child) {
        return call(() -> {
            for (PeerConfig p : peers) {
                if (connection != null && !p.name().equals(connection)) {
                    continue;
                }
                ChildPeerConfig c = child == null ? null : p.child(child);
                if (child != null && c == null) {
                    continue;
                }
                IkeSa up = c == null ? null : established(p.name());
                if (up != null) {
                    // Like charon's controller: a further CHILD_SA goes onto the IKE_SA that is already up.
                    TaskManager tm = managers.get(up);
                    tm.queue(Tasks.childCreate(up, this, c));
                    tm.initiate();
                    return up.toString();
                }
                IkeSa sa = initiateNow(p, c);
                return sa.toString();
            }
            throw new IllegalArgumentException("no connection" + (connection == null ? "" : " '" + connection + "'")
                    + (child == null ? "" : " with child '" + child + "'") + " found");
        });
    }

    /** An ESTABLISHED IKE_SA of {@code connection}, or null. */
    private IkeSa established(final String connection) {
        for (IkeSa sa : managers.keySet()) {
            if (sa.name().equals(connection) && sa.state() == IkeSaState.ESTABLISHED) {
                return sa;
            }
        }
        return null;
    }

    /** Deletes IKE_SAs of {@code connection} (all if null) with a DELETE to the peer. */
    public int terminate(final String connection) {
        return call(() -> {
            int n = 0;
            for (IkeSa sa : new ArrayList<>(managers.keySet())) {
                if (connection == null || sa.name().equals(connection)) {
                    terminateNow(sa);
                    n++;
                }
            }
            return n;
        });
    }

    /** Rekeys the CHILD_SAs ({@code ike = false}) or the IKE_SAs of {@code connection}. */
    public int rekey(final String connection, final boolean ike) {
        return call(() -> {
            int n = 0;
            for (IkeSa sa : new ArrayList<>(managers.keySet())) {
                if (sa.state() != IkeSaState.ESTABLISHED || connection != null && !sa.name().equals(connection)) {
                    continue;
                }
                TaskManager tm = managers.get(sa);
                if (ike) {
                    tm.queue(Tasks.ikeRekey(sa, this));
                    n++;
                } else {
                    for (ChildSa c : sa.children()) {
                        if (c.state() == ChildSaState.INSTALLED) {
                            tm.queue(Tasks.childRekey(sa, this, c));
                            n++;
                        }
                    }
                }
                tm.initiate();
            }
            return n;
        });
    }

    /** A snapshot of all SAs for listing (swanctl --list-sas). */
    public List<IkeSaView> listSas() {
        return call(() -> {
            List<IkeSaView> out = new ArrayList<>();
            for (IkeSa sa : managers.keySet()) {
                out.add(IkeSaView.of(sa, backend, nowMillis()));
            }
            return out;
        });
    }

    public List<PeerConfig> connections() {
        return peers;
    }

    public IkeCounters counters() {
        return counters;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** Receives a datagram from the sockets (any thread); the data is owned by the daemon from now on. */
    public void receive(final byte[] datagram, final InetSocketAddress local, final InetSocketAddress remote) {
        loop.execute(() -> onDatagram(datagram, local, remote));
    }

    /** Deletes every IKE_SA with a DELETE to its peer, waiting up to {@code timeoutMillis} for the answers. */
    public void shutdown(final long timeoutMillis) {
        terminate(null);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && call(managers::size) > 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        call(() -> {
            for (IkeSa sa : new ArrayList<>(managers.keySet())) {
                destroy(sa, "shutting down");
            }
            traps.uninstallAll();
            // Inbound SAs of rekeyed CHILD_SAs still in their grace period go now, not with the process.
            for (Runnable removal : new ArrayList<>(pendingRemovals)) {
                removal.run();
            }
            return null;
        });
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }

    private <T> T call(final Supplier<T> job) {
        if (Thread.currentThread().getName().equals("jswan-ike")) {
            return job.get();
        }
        CompletableFuture<T> f = CompletableFuture.supplyAsync(job, loop);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("IKE daemon did not answer within 30 s");
        }
    }

    // ---------------------------------------------------------------- control thread

    private IkeSa initiateNow(final PeerConfig p, final ChildPeerConfig child) {
        if (p.remoteAddrs().isEmpty() || p.remoteAddrs().get(0).startsWith("%any")) {
            throw new IllegalArgumentException("connection '" + p.name() + "' has no remote_addrs to initiate to");
        }
        InetAddress remoteAddress;
        try {
            remoteAddress = InetAddress.getByName(p.remoteAddrs().get(0));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve remote_addrs '" + p.remoteAddrs().get(0) + "' of '"
                    + p.name() + "'");
        }
        InetSocketAddress remote = new InetSocketAddress(remoteAddress, p.remotePort());
        InetSocketAddress local = new InetSocketAddress(sourceAddressFor(p, remote), settings.ikePort());
        IkeSa sa = newIkeSa(true, p);
        sa.endpoints(local, remote);
        TaskManager tm = managers.get(sa);
        Tasks.queueIkeSetup(sa, this, tm, child);
        tm.initiate();
        return sa;
    }

    private InetAddress sourceAddressFor(final PeerConfig p, final InetSocketAddress remote) {
        for (String a : p.localAddrs()) {
            if (!a.startsWith("%")) {
                try {
                    return InetAddress.getByName(a);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot resolve local_addrs '" + a + "' of '" + p.name() + "'");
                }
            }
        }
        // Ask the kernel's routing which source it would use, without sending anything.
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(remote);
            return probe.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("no route to " + remote.getAddress().getHostAddress() + ": "
                    + e.getMessage());
        }
    }

    private void terminateNow(final IkeSa sa) {
        TaskManager tm = managers.get(sa);
        if (tm == null) {
            return;
        }
        if (sa.state() == IkeSaState.ESTABLISHED || sa.state() == IkeSaState.REKEYED
                || sa.state() == IkeSaState.REKEYING) {
            tm.queue(Tasks.ikeDelete(sa, this));
            tm.initiate();
        } else {
            destroy(sa, "terminated");
        }
    }

    private void onDatagram(final byte[] datagram, final InetSocketAddress local, final InetSocketAddress remote) {
        NET.log(System.Logger.Level.DEBUG, () -> "received packet: from " + endpoint(remote) + " to "
                + endpoint(local) + " (" + datagram.length + " bytes)");
        IkeHeader header;
        try {
            header = MessageCodec.decodeHeader(datagram);
        } catch (DecodeException e) {
            counters.drop("invalid header");
            NET.log(System.Logger.Level.DEBUG, () -> "dropping packet from " + endpoint(remote) + ": " + e.reason());
            return;
        }
        try {
            dispatch(header, datagram, local, remote);
        } catch (RuntimeException e) {
            // A bug must cost one message, never the daemon.
            counters.drop("internal error");
            IKE.log(System.Logger.Level.WARNING, "error processing " + header.exchangeType() + " from "
                    + endpoint(remote) + ": " + e, e);
        }
    }

    private void dispatch(final IkeHeader header, final byte[] datagram, final InetSocketAddress local,
                          final InetSocketAddress remote) {
        boolean init = header.exchangeType().equals(ExchangeType.IKE_SA_INIT);
        if (init && !header.response()) {
            onInitRequest(header, datagram, local, remote);
            return;
        }
        long ourSpi = header.initiator() ? header.spiR() : header.spiI();
        IkeSa sa = bySpi.get(ourSpi);
        if (sa == null || (init && !sa.originalInitiator())) {
            counters.drop("unknown SPI");
            IKE.log(System.Logger.Level.DEBUG, () -> "ignoring " + header.exchangeType() + " for unknown IKE_SA "
                    + Long.toHexString(header.spiI()) + "_i " + Long.toHexString(header.spiR()) + "_r");
            return;
        }
        if (header.initiator() == sa.originalInitiator()) {
            counters.drop("wrong initiator flag");
            return;
        }
        TaskManager tm = managers.get(sa);
        IkeMessage message;
        try {
            if (MessageCodec.isFragment(header)) {
                message = reassemble(sa, tm, header, datagram);
                if (message == null) {
                    return;
                }
            } else {
                message = MessageCodec.decodeBody(header, datagram, init ? null : sa.inbound());
            }
        } catch (DecodeException e) {
            counters.drop(e.silentDrop() ? "undecodable" : e.notifyType().toString());
            // Counted, and logged at level 2 only: a flood of garbage must not flood the log.
            IKE.log(System.Logger.Level.DEBUG, () -> "dropping " + header.exchangeType()
                    + (header.response() ? " response " : " request ") + header.messageId() + " from "
                    + endpoint(remote) + ": " + e.reason());
            return;
        }
        ENC.log(System.Logger.Level.INFO, "parsed " + message.summary());
        sa.lastInboundMillis(nowMillis());
        if (!init && (!remote.equals(sa.remote()) || local.getPort() != sa.local().getPort())
                && tm.inWindow(message)) {
            // RFC 7296 §2.23: after an authenticated message, follow the peer's NAT mapping; never after a
            // replayed one, or a captured old message sent from elsewhere would redirect the IKE_SA.
            sa.endpoints(new InetSocketAddress(sa.local().getAddress(), local.getPort()), remote);
        }
        if (header.response()) {
            tm.onResponse(message, datagram);
        } else {
            tm.onRequest(message, datagram);
        }
    }

    /**
     * RFC 7383 §2.6: verifies and decrypts one fragment and returns the message once all its fragments are in,
     * else null. Fragments are accepted only on an IKE_SA that negotiated fragmentation, after IKE_SA_INIT.
     */
    private IkeMessage reassemble(final IkeSa sa, final TaskManager tm, final IkeHeader header,
                                  final byte[] datagram) throws DecodeException {
        if (!sa.fragmentation() || sa.inbound() == null) {
            throw DecodeException.drop("IKE fragment on an IKE_SA without fragmentation");
        }
        Fragment f = MessageCodec.decodeFragment(header, datagram, sa.inbound());
        if (!header.response() && tm.resendForRetransmittedFragment(header.messageId(), f.number())) {
            return null;
        }
        java.util.Optional<IkeMessage> whole = tm.reassembler(header.response()).add(f);
        if (whole.isEmpty()) {
            ENC.log(System.Logger.Level.INFO, "received fragment #" + f.number() + " of " + f.total()
                    + ", waiting for complete IKE message");
            return null;
        }
        ENC.log(System.Logger.Level.INFO, "received fragment #" + f.number() + " of " + f.total()
                + ", reassembled fragmented IKE message");
        return whole.get();
    }

    private void onInitRequest(final IkeHeader header, final byte[] datagram, final InetSocketAddress local,
                               final InetSocketAddress remote) {
        String key = Long.toHexString(header.spiI()) + "/" + remote;
        IkeSa sa = halfOpen.get(key);
        if (sa == null && header.spiR() != 0) {
            counters.drop("IKE_SA_INIT with responder SPI");
            return;
        }
        IkeMessage message;
        try {
            message = MessageCodec.decodeBody(header, datagram, null);
        } catch (DecodeException e) {
            counters.drop("invalid IKE_SA_INIT");
            IKE.log(System.Logger.Level.DEBUG, () -> "dropping IKE_SA_INIT from " + endpoint(remote) + ": "
                    + e.reason());
            return;
        }
        ENC.log(System.Logger.Level.INFO, "parsed " + message.summary());
        if (sa == null) {
            if (halfOpenCount() >= settings.cookieThreshold() && !cookies.verify(message, remote, this)) {
                counters.drop("cookie required");
                return;
            }
            if (halfOpenCount() >= settings.halfOpenLimit()) {
                counters.drop("too many half-open IKE_SAs");
                IKE.log(System.Logger.Level.INFO, "ignoring IKE_SA_INIT from " + endpoint(remote)
                        + ": half-open limit reached");
                return;
            }
            sa = newIkeSa(false, null);
            sa.spis(header.spiI(), 0);
            sa.endpoints(local, remote);
            halfOpen.put(key, sa);
            IkeSa created = sa;
            schedule(settings.halfOpenTimeoutMillis(), () -> {
                // Once established the SA is no longer half-open, whatever its state (rekeying, deleting) now.
                if (managers.containsKey(created) && created.establishedAtMillis() == 0) {
                    destroy(created, "half-open IKE_SA timed out");
                }
            });
        }
        managers.get(sa).onRequest(message, datagram);
    }

    private int halfOpenCount() {
        int n = 0;
        for (IkeSa sa : halfOpen.values()) {
            if (sa.establishedAtMillis() == 0) {
                n++;
            }
        }
        return n;
    }

    private void onExpire(final int reqid, final int spi, final boolean hard) {
        for (IkeSa sa : new ArrayList<>(managers.keySet())) {
            ChildSa c = sa.childByInboundSpi(spi);
            if (c == null) {
                c = sa.childByOutboundSpi(spi);
            }
            if (c == null) {
                continue;
            }
            TaskManager tm = managers.get(sa);
            if (hard) {
                IKE.log(System.Logger.Level.INFO, "CHILD_SA " + c + " expired (hard limit), deleting it");
                tm.queue(Tasks.childDelete(sa, this, c));
            } else if (c.state() == ChildSaState.INSTALLED) {
                tm.queue(Tasks.childRekey(sa, this, c));
            }
            tm.initiate();
        }
    }

    // ---------------------------------------------------------------- TaskContext

    @Override
    public IpsecBackend backend() {
        return backend;
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public SharedSecrets secrets() {
        return secrets;
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public void send(final IkeSa sa, final byte[] message) {
        NET.log(System.Logger.Level.DEBUG, () -> "sending packet: from " + endpoint(sa.local()) + " to "
                + endpoint(sa.remote()) + " (" + message.length + " bytes)");
        sender.send(message, sa.local().getPort(), sa.remote());
    }

    /** Sends a message that belongs to no IKE_SA (a COOKIE challenge) from the IKE port. */
    void sendRaw(final byte[] message, final InetSocketAddress to) {
        sender.send(message, settings.ikePort(), to);
    }

    @Override
    public void dropped(final String reason) {
        counters.drop(reason);
    }

    @Override
    public long deleteRekeyedDelayMillis() {
        return settings.deleteRekeyedDelayMillis();
    }

    @Override
    public void removeLater(final long delayMillis, final Runnable removal) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                if (pendingRemovals.remove(this)) {
                    removal.run();
                }
            }
        };
        pendingRemovals.add(once);
        schedule(delayMillis, once);
    }

    @Override
    public Runnable schedule(final long delayMillis, final Runnable job) {
        ScheduledFuture<?> f = loop.schedule(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                IKE.log(System.Logger.Level.WARNING, "timer job failed: " + e, e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void destroy(final IkeSa sa, final String reason) {
        TaskManager tm = managers.remove(sa);
        if (tm == null) {
            return;
        }
        tm.close();
        bySpi.remove(sa.localSpi());
        halfOpen.values().remove(sa);
        Map<ChildPeerConfig, ChildPeerConfig.CloseAction> actions = closeActions(sa, reason);
        for (ChildSa c : new ArrayList<>(sa.children())) {
            Tasks.uninstall(sa, this, c);
        }
        sa.children().clear();
        for (InetAddress vip : sa.remoteVirtualIps()) {
            // After an IKE_SA rekey the new IKE_SA holds the lease on.
            boolean inherited = false;
            for (IkeSa other : managers.keySet()) {
                inherited |= other.remoteVirtualIps().contains(vip);
            }
            if (!inherited) {
                addressPools.release(vip);
            }
        }
        if (sa.state() != IkeSaState.DESTROYING) {
            sa.state(IkeSaState.DESTROYING);
        }
        sa.destroyKeys();
        IKE.log(System.Logger.Level.INFO, "IKE_SA " + sa + " destroyed: " + reason);
        if (sa.establishedAtMillis() == 0) {
            String outcome = FailureOutcome.of(reason);
            if (outcome != null) {
                counters.outcome(outcome);
            }
        }
        PeerConfig now = peerNamed(sa.name());
        for (var action : actions.entrySet()) {
            ChildPeerConfig c = action.getKey();
            ChildPeerConfig child = now == null ? null : now.child(c.name());
            if (child == null || stillUp(now.name(), c.name())) {
                continue;
            }
            if (action.getValue() == ChildPeerConfig.CloseAction.TRAP) {
                installTrap(now, child);
                continue;
            }
            IKE.log(System.Logger.Level.INFO, "restarting CHILD_SA " + c.name() + " of '" + now.name() + "'");
            try {
                initiateNow(now, child);
            } catch (IllegalArgumentException e) {
                IKE.log(System.Logger.Level.WARNING, "unable to restart CHILD_SA " + c.name() + ": " + e.getMessage());
            }
        }
    }

    /**
     * swanctl.conf(5): when the peer of an established IKE_SA stopped answering (DPD or any exchange timing out),
     * its CHILD_SAs' {@code dpd_action} applies; when the peer deleted it, their {@code close_action}: restart
     * ({@code START}) or install a trap ({@code TRAP}). At most once per CHILD_SA config.
     */
    private Map<ChildPeerConfig, ChildPeerConfig.CloseAction> closeActions(final IkeSa sa, final String reason) {
        Map<ChildPeerConfig, ChildPeerConfig.CloseAction> out = new LinkedHashMap<>();
        if (sa.establishedAtMillis() == 0 || sa.state() == IkeSaState.REKEYED) {
            return out;
        }
        boolean timeout = "peer did not answer".equals(reason);
        boolean deleted = TaskManager.DELETED_BY_PEER.equals(reason);
        for (ChildSa c : sa.children()) {
            ChildPeerConfig.CloseAction action = timeout ? c.config().dpdAction()
                    : deleted ? c.config().closeAction() : ChildPeerConfig.CloseAction.NONE;
            if (action != ChildPeerConfig.CloseAction.NONE) {
                out.putIfAbsent(c.config(), action);
            }
        }
        return out;
    }

    /** Another IKE_SA (a reauthentication's successor, say) already carries this CHILD_SA config, or is coming up. */
    private boolean stillUp(final String connection, final String child) {
        for (IkeSa other : managers.keySet()) {
            if (!other.name().equals(connection)) {
                continue;
            }
            if (other.state() == IkeSaState.CONNECTING || other.state() == IkeSaState.CREATED) {
                return true;
            }
            for (ChildSa c : other.children()) {
                if (c.name().equals(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private PeerConfig peerNamed(final String name) {
        for (PeerConfig p : peers) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void registerSpis(final IkeSa sa) {
        bySpi.put(sa.localSpi(), sa);
    }

    @Override
    public IkeSa newIkeSa(final boolean originalInitiator, final PeerConfig config) {
        IkeSa sa = new IkeSa(nextSaId++, originalInitiator, config);
        managers.put(sa, new TaskManager(sa, this, settings.retransmit()));
        return sa;
    }

    @Override
    public List<IkeSa> ikeSas() {
        return List.copyOf(managers.keySet());
    }

    @Override
    public TaskManager taskManager(final IkeSa sa) {
        return managers.get(sa);
    }

    @Override
    public int natTPort() {
        return settings.natTPort();
    }

    @Override
    public int nextChildId() {
        return nextChildId++;
    }

    @Override
    public int reqidFor(final IkeSa sa, final ChildPeerConfig child) {
        int trapped = traps.reqid(sa.name(), child.name());
        return trapped != 0 ? trapped : nextReqid++;
    }

    @Override
    public InetAddress acquireVirtualIp(final VirtualIpPool pool, final IkeSa sa) {
        return addressPools.acquire(pool, String.valueOf(sa.remoteId()));
    }

    @Override
    public boolean trapped(final int reqid) {
        return traps.byReqid(reqid) != null;
    }

    /** Installs (or keeps) the trap policy of {@code child}; problems are logged, the daemon goes on. */
    private void installTrap(final PeerConfig p, final ChildPeerConfig child) {
        if (p.remoteAddrs().isEmpty() || p.remoteAddrs().get(0).startsWith("%")) {
            CFG.log(System.Logger.Level.WARNING, "cannot trap CHILD_SA '" + child.name() + "' of '" + p.name()
                    + "': it needs a specific remote_addrs to initiate to");
            return;
        }
        try {
            InetAddress remote = InetAddress.getByName(p.remoteAddrs().get(0));
            InetAddress local = sourceAddressFor(p, new InetSocketAddress(remote, p.remotePort()));
            int reqid = traps.reqid(p.name(), child.name());
            traps.install(p, child, reqid != 0 ? reqid : nextReqid++, local, remote);
        } catch (IOException | IllegalArgumentException | BackendException e) {
            CFG.log(System.Logger.Level.WARNING, "cannot trap CHILD_SA '" + child.name() + "' of '" + p.name()
                    + "': " + e.getMessage());
        }
    }

    /**
     * Traffic hit a trap (the data plane's acquire): start the CHILD_SA, on an established IKE_SA of the
     * connection if there is one, unless it is already up or on its way.
     */
    private void onAcquire(final int reqid) {
        TrapManager.Trap trap = traps.byReqid(reqid);
        if (trap == null) {
            return;
        }
        IkeSa established = null;
        for (IkeSa sa : managers.keySet()) {
            if (!sa.name().equals(trap.peer().name())) {
                continue;
            }
            boolean pending = sa.state() == IkeSaState.CONNECTING || sa.state() == IkeSaState.CREATED;
            for (ChildSa c : sa.children()) {
                pending |= c.reqid() == reqid;
            }
            if (pending) {
                IKE.log(System.Logger.Level.DEBUG, "ignoring acquire for reqid " + reqid
                        + ", connection attempt pending");
                return;
            }
            if (sa.state() == IkeSaState.ESTABLISHED) {
                established = sa;
            }
        }
        IKE.log(System.Logger.Level.INFO, "acquire for reqid " + reqid + ": initiating CHILD_SA '"
                + trap.child().name() + "' of '" + trap.peer().name() + "'");
        if (established != null) {
            TaskManager tm = managers.get(established);
            if (tm.hasQueued(TaskType.CHILD_CREATE)) {
                return;
            }
            tm.queue(Tasks.childCreate(established, this, trap.child()));
            tm.initiate();
            return;
        }
        try {
            initiateNow(trap.peer(), trap.child());
        } catch (IllegalArgumentException e) {
            IKE.log(System.Logger.Level.WARNING, "unable to initiate on acquire: " + e.getMessage());
        }
    }

    @Override
    public List<PeerConfig> peerConfigs() {
        return peers;
    }

    @Override
    public WiresharkKeyFiles keyFiles() {
        return settings.keyFiles();
    }

    @Override
    public void ikeEstablished(final IkeSa sa) {
        counters.outcome("established");
        // The SA stays indexed by its IKE_SA_INIT (SPIi, address) until destroyed, so a replayed IKE_SA_INIT
        // request reaches it (and is dropped as an old message ID) instead of creating a new half-open SA.
        PeerConfig c = sa.config();
        long rekey = jittered(c.rekeyTime().toMillis(), c.randTime().toMillis());
        if (rekey > 0) {
            sa.rekeyAtMillis(nowMillis() + rekey);
            schedule(rekey, () -> {
                TaskManager tm = managers.get(sa);
                if (tm != null && sa.state() == IkeSaState.ESTABLISHED) {
                    tm.queue(Tasks.ikeRekey(sa, this));
                    tm.initiate();
                }
            });
        }
        long reauth = sa.originalInitiator() ? jittered(c.reauthTime().toMillis(), c.randTime().toMillis()) : 0;
        if (reauth > 0) {
            schedule(reauth, () -> reauthenticate(sa));
        }
        long dpd = c.dpdDelay().toMillis();
        if (dpd > 0) {
            scheduleDpd(sa, dpd);
        }
    }

    /**
     * Reauthentication at reauth_time (RFC 7296 §2.8.3), break-before-make as strongSwan does by default: the old
     * IKE_SA and its CHILD_SAs are deleted, then a new IKE_SA is set up with the same children.
     */
    private void reauthenticate(final IkeSa sa) {
        TaskManager tm = managers.get(sa);
        if (tm == null || sa.state() != IkeSaState.ESTABLISHED) {
            return;
        }
        IKE.log(System.Logger.Level.INFO, "reauthenticating IKE_SA " + sa);
        List<ChildPeerConfig> children = new ArrayList<>();
        for (ChildSa c : sa.children()) {
            if (!children.contains(c.config())) {
                children.add(c.config());
            }
        }
        PeerConfig config = sa.config();
        terminateNow(sa);
        IkeSa fresh = initiateNow(config, children.isEmpty() ? null : children.get(0));
        TaskManager ftm = managers.get(fresh);
        for (int i = 1; i < children.size(); i++) {
            ftm.queue(Tasks.childCreate(fresh, this, children.get(i)));
        }
    }

    private void scheduleDpd(final IkeSa sa, final long dpd) {
        schedule(dpd, () -> {
            TaskManager tm = managers.get(sa);
            if (tm == null || sa.state() != IkeSaState.ESTABLISHED) {
                return;
            }
            if (nowMillis() - sa.lastInboundMillis() >= dpd && !tm.busy()) {
                tm.queue(Tasks.dpd(sa, this));
                tm.initiate();
            }
            scheduleDpd(sa, dpd);
        });
    }

    @Override
    public void childEstablished(final IkeSa sa, final ChildSa child) {
        ChildPeerConfig c = child.config();
        long rekey = jittered(c.rekeyTime().toMillis(), c.randTime().toMillis());
        if (rekey > 0) {
            child.rekeyAtMillis(nowMillis() + rekey);
            schedule(rekey, () -> {
                IkeSa owner = ownerOf(child);
                if (owner != null && child.state() == ChildSaState.INSTALLED) {
                    TaskManager tm = managers.get(owner);
                    tm.queue(Tasks.childRekey(owner, this, child));
                    tm.initiate();
                }
            });
        }
        long life = c.lifeTime().toMillis();
        if (life > 0) {
            child.expireAtMillis(nowMillis() + life);
            schedule(life, () -> {
                IkeSa owner = ownerOf(child);
                if (owner != null && owner.children().contains(child)) {
                    TaskManager tm = managers.get(owner);
                    tm.queue(Tasks.childDelete(owner, this, child));
                    tm.initiate();
                }
            });
        }
    }

    private IkeSa ownerOf(final ChildSa child) {
        for (IkeSa sa : managers.keySet()) {
            if (sa.children().contains(child)) {
                return sa;
            }
        }
        return null;
    }

    /** strongSwan: the rekey happens at {@code rekey_time - random(0, rand_time)}. */
    private long jittered(final long base, final long rand) {
        if (base <= 0) {
            return 0;
        }
        long r = rand > 0 ? (long) (random.nextDouble() * Math.min(rand, base)) : 0;
        return Math.max(1000, base - r);
    }

    private static String endpoint(final InetSocketAddress a) {
        return a.getAddress().getHostAddress() + "[" + a.getPort() + "]";
    }
}
