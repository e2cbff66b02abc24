package org.jswan.ike.daemon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.peer.AuthSpec;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.SharedSecrets;
import org.jswan.ike.peer.TsConfig;
import org.jswan.ike.proposal.ProposalParser;
import org.jswan.ike.proposal.ProtocolKind;

/**
 * IKE daemons in one JVM, wired by a network in memory that records every datagram and can drop some (strongSwan's
 * exchange_test_helper with mock_sender). Shared by the daemon exchange tests.
 */
final class InMemoryIkeNetwork implements AutoCloseable {
    static final InetAddress A = addr("192.0.2.1");
    static final InetAddress B = addr("192.0.2.2");
    static final InetAddress C = addr("192.0.2.3");
    static final CredentialStore NO_CREDENTIALS = new CredentialStore(List.of(), List.of(), List.of());

    /** One datagram as sent: {@code from} the sender's socket {@code to} the peer. */
    record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] data) {
    }

    private final Map<InetAddress, IkeDaemon> hosts = new ConcurrentHashMap<>();
    private final List<IkeDaemon> all = Collections.synchronizedList(new ArrayList<>());
    final List<Datagram> sent = Collections.synchronizedList(new ArrayList<>());
    /** Datagrams for which this answers true are lost (after being recorded in {@link #sent}). */
    volatile Predicate<Datagram> drop = d -> false;
    private final List<Datagram> held = new ArrayList<>();
    private boolean holding;
    /** NAT mappings: inside endpoint to the public one its datagrams appear from, and back. */
    private final Map<InetSocketAddress, InetSocketAddress> natOut = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> natIn = new ConcurrentHashMap<>();

    static InetAddress addr(final String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    IkeDaemon daemon(final InetAddress me, final RecordingBackend backend, final DaemonSettings settings) {
        IkeSender sender = (message, localPort, remote) -> {
            Datagram d = new Datagram(new InetSocketAddress(me, localPort), remote, message.clone());
            sent.add(d);
            if (drop.test(d)) {
                return;
            }
            synchronized (held) {
                if (holding) {
                    held.add(d);
                    return;
                }
            }
            deliver(d);
        };
        IkeDaemon d = new IkeDaemon(settings, backend, sender, NO_CREDENTIALS);
        hosts.put(me, d);
        all.add(d);
        return d;
    }

    private void deliver(final Datagram d) {
        InetSocketAddress from = natOut.getOrDefault(d.from(), d.from());
        InetSocketAddress to = natIn.getOrDefault(d.to(), d.to());
        IkeDaemon peer = hosts.get(to.getAddress());
        if (peer != null) {
            peer.receive(d.data().clone(), to, from);
        }
    }

    /**
     * Puts {@code inside} behind a NAT: what it sends appears to come from {@code outside}, and what is sent to
     * {@code outside} reaches {@code inside} (an endpoint-independent mapping, RFC 4787).
     */
    void nat(final InetSocketAddress inside, final InetSocketAddress outside) {
        natOut.put(inside, outside);
        natIn.put(outside, inside);
    }

    /** Queues datagrams instead of delivering them, until {@link #release()}: messages cross on the wire. */
    void hold() {
        synchronized (held) {
            holding = true;
        }
    }

    /** Delivers the held datagrams {@code which} accepts, in order; the others stay held. */
    void deliverHeld(final Predicate<Datagram> which) {
        List<Datagram> out = new ArrayList<>();
        synchronized (held) {
            for (var it = held.iterator(); it.hasNext();) {
                Datagram d = it.next();
                if (which.test(d)) {
                    out.add(d);
                    it.remove();
                }
            }
        }
        out.forEach(this::deliver);
    }

    int heldCount() {
        synchronized (held) {
            return held.size();
        }
    }

    void release() {
        List<Datagram> out;
        synchronized (held) {
            holding = false;
            out = new ArrayList<>(held);
            held.clear();
        }
        out.forEach(this::deliver);
    }

    /**
     * A daemon with default settings, except that a rekeyed CHILD_SA's inbound SA goes at once: these tests count
     * SAs right after a rekey (the grace period has its own test in IkeDaemonExchangeTest).
     */
    IkeDaemon daemon(final InetAddress me, final RecordingBackend backend) {
        return daemon(me, backend, DaemonSettings.defaults().withDeleteRekeyedDelay(0));
    }

    /** Delivers raw bytes to the daemon at {@code to}, as if sent from {@code from}. */
    void inject(final InetAddress to, final byte[] data, final InetSocketAddress from) {
        hosts.get(to).receive(data.clone(), new InetSocketAddress(to, 500), from);
    }

    /** The datagrams sent so far from {@code from} to {@code to}. */
    List<Datagram> between(final InetAddress from, final InetAddress to) {
        List<Datagram> out = new ArrayList<>();
        synchronized (sent) {
            for (Datagram d : sent) {
                if (d.from().getAddress().equals(from) && d.to().getAddress().equals(to)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (IkeDaemon d : all) {
            d.close();
        }
    }

    static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** One ESTABLISHED IKE_SA with {@code children} INSTALLED CHILD_SAs. */
    static boolean established(final IkeDaemon d, final int children) {
        List<IkeSaView> sas = d.listSas();
        return sas.size() == 1 && sas.get(0).state().equals("ESTABLISHED")
                && sas.get(0).children().size() == children
                && sas.get(0).children().stream().allMatch(c -> c.state().equals("INSTALLED"));
    }

    static SharedSecrets secret(final String s) {
        return new SharedSecrets(List.of(new SharedSecrets.Entry(List.of(), s.getBytes(StandardCharsets.UTF_8))));
    }

    static AuthSpec pskAuth(final Identity id) {
        return new AuthSpec("psk", id, List.of(), null, List.of());
    }

    static AuthSpec pubkeyLocal(final Identity id, final X509Certificate cert, final PrivateKey key) {
        return new AuthSpec("pubkey", id, List.of(cert), key, List.of());
    }

    static AuthSpec pubkeyRemote(final Identity id, final List<X509Certificate> cacerts) {
        return new AuthSpec("pubkey", id, List.of(), null, cacerts);
    }

    /** {@code p} with liveness checks after {@code delay} of silence. */
    /** {@code p} with every child's close_action and dpd_action replaced. */
    static PeerConfig withActions(final PeerConfig p, final ChildPeerConfig.CloseAction close,
                                  final ChildPeerConfig.CloseAction dpd) {
        return withActions(p, p.children().get(0).startAction(), close, dpd);
    }

    /** {@code p} with every child's start_action, close_action and dpd_action replaced. */
    static PeerConfig withActions(final PeerConfig p, final ChildPeerConfig.StartAction start,
                                  final ChildPeerConfig.CloseAction close, final ChildPeerConfig.CloseAction dpd) {
        List<ChildPeerConfig> children = new ArrayList<>();
        for (ChildPeerConfig c : p.children()) {
            children.add(new ChildPeerConfig(c.name(), c.localTs(), c.remoteTs(), c.espProposals(), c.transportMode(),
                    start, close, dpd, c.rekeyTime(), c.lifeTime(), c.randTime(), c.rekeyBytes(),
                    c.lifeBytes(), c.rekeyPackets(), c.lifePackets(), c.replayWindow()));
        }
        return new PeerConfig(p.name(), p.localAddrs(), p.remoteAddrs(), p.localPort(), p.remotePort(), p.proposals(),
                p.local(), p.remote(), p.rekeyTime(), p.reauthTime(), p.overTime(), p.randTime(), p.dpdDelay(),
                p.forceEncap(), p.sendCertreq(), p.sendCertAlways(), p.keyingTries(), children);
    }

    static PeerConfig withDpd(final PeerConfig p, final Duration delay) {
        return new PeerConfig(p.name(), p.localAddrs(), p.remoteAddrs(), p.localPort(), p.remotePort(), p.proposals(),
                p.local(), p.remote(), p.rekeyTime(), p.reauthTime(), p.overTime(), p.randTime(), delay,
                p.forceEncap(), p.sendCertreq(), p.sendCertAlways(), p.keyingTries(), p.children());
    }

    /** A connection with one child "net"; the with* methods return changed copies. */
    record Conn(String name, InetAddress local, InetAddress remote, String localTs, String remoteTs, String ike,
                String esp, AuthSpec localAuth, AuthSpec remoteAuth, boolean transport, Duration childRekey) {

        static Conn psk(final String name, final InetAddress local, final InetAddress remote, final String localTs,
                        final String remoteTs) {
            return new Conn(name, local, remote, localTs, remoteTs, "aes128gcm16-prfsha256-x25519", "aes128gcm16",
                    pskAuth(Identity.address(local)), pskAuth(Identity.ANY), false, Duration.ofHours(1));
        }

        Conn withProposals(final String ikeProposals, final String espProposals) {
            return new Conn(name, local, remote, localTs, remoteTs, ikeProposals, espProposals, localAuth, remoteAuth,
                    transport, childRekey);
        }

        Conn withAuth(final AuthSpec l, final AuthSpec r) {
            return new Conn(name, local, remote, localTs, remoteTs, ike, esp, l, r, transport, childRekey);
        }

        Conn withTs(final String l, final String r) {
            return new Conn(name, local, remote, l, r, ike, esp, localAuth, remoteAuth, transport, childRekey);
        }

        Conn withTransport() {
            return new Conn(name, local, remote, localTs, remoteTs, ike, esp, localAuth, remoteAuth, true,
                    childRekey);
        }

        PeerConfig build() {
            List<TsConfig> l = new ArrayList<>();
            for (String s : localTs.split(",")) {
                l.add(TsConfig.parse(s.trim()));
            }
            List<TsConfig> r = new ArrayList<>();
            for (String s : remoteTs.split(",")) {
                r.add(TsConfig.parse(s.trim()));
            }
            ChildPeerConfig child = new ChildPeerConfig("net", l, r, ProposalParser.parseList(ProtocolKind.ESP, esp),
                    transport, ChildPeerConfig.StartAction.NONE, ChildPeerConfig.CloseAction.NONE,
                    ChildPeerConfig.CloseAction.NONE, childRekey, childRekey.multipliedBy(2), Duration.ZERO, 0, 0, 0,
                    0, 32);
            return new PeerConfig(name, List.of(local.getHostAddress()), List.of(remote.getHostAddress()), 500, 500,
                    ProposalParser.parseList(ProtocolKind.IKE, ike), localAuth, remoteAuth, Duration.ofHours(4),
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, false, true, false, 1,
                    List.of(child));
        }
    }
}
