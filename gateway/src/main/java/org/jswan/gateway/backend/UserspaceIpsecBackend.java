package org.jswan.gateway.backend;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.SaEventListener;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.SaStats;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.engine.EspDataPlane;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.BackendFeature;
import org.jswan.ike.spi.BackendListener;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.Lifetime;
import org.jswan.ike.spi.PolicyRequest;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.SaUsage;
import org.jswan.ike.spi.Selector;
import org.jswan.nativeio.net.IpPrefix;
import org.jswan.nativeio.net.NetConfigException;
import org.jswan.nativeio.net.NetworkConfigurator;
import org.jswan.nativeio.net.Route;
import org.jswan.nativeio.net.RoutingRule;

/**
 * IKE's backend on the userspace ESP engine (strongSwan's kernel-libipsec plugin): SAs and policies go to
 * {@link EspDataPlane}; outbound policies also get a route that steers the remote subnet into the TUN device, with
 * a source address from the local subnet when this host has one (kernel_libipsec_router). By default IKE is told to
 * UDP-encapsulate every CHILD_SA, as kernel-libipsec does (the UDP GSO/GRO fast path, through any NAT); CHILD_SAs
 * negotiated without encapsulation (a peer without NAT traversal, or {@code --esp-encap nat} with no NAT) use
 * plain ESP on {@link PlainEspSockets}. Called only on the IKE control thread.
 */
public final class UserspaceIpsecBackend implements IpsecBackend {
    private static final System.Logger KNL = System.getLogger("KNL");
    private static final int NAT_T = 4500;
    private static final int IKE = 500;
    private static final int UDP = 17;
    private static final int ESP = 50;
    /** strongSwan's routing table for IPsec routes; the rule that selects it has this priority too. */
    static final int TABLE = 220;
    /** Rules that keep IKE and ESP to the peer in the main table run just before the TUN rule. */
    static final int BYPASS_PRIORITY = TABLE - 1;

    private final EspDataPlane plane;
    private final NetworkConfigurator net;
    private final String tunName;
    private final boolean alwaysUdpEncapsulation;
    /** Null when plain ESP cannot be sent ({@link #plainUnavailable} says why). */
    private final PlainEspSockets plainEsp;
    private final String plainUnavailable;
    private final Map<String, List<Long>> policies = new HashMap<>();
    private final Map<String, Integer> routes = new HashMap<>();
    private final Map<Integer, Integer> reqidBySpi = new HashMap<>();
    private final Map<String, PolicyRoute> policyRoutes = new HashMap<>();
    private final Map<IpPrefix, List<RoutingRule>> bypassRules = new HashMap<>();
    /** The UDP port ESP goes to at each peer (4500, or the NAT-mapped port), learnt from outbound SAs. */
    private final Map<InetAddress, Integer> remotePorts = new HashMap<>();

    private record PolicyRoute(Route route, RoutingRule rule) {
    }
    private volatile BackendListener listener;

    /** UDP encapsulation only (no plain ESP sockets). */
    public UserspaceIpsecBackend(final EspDataPlane plane, final NetworkConfigurator net, final String tunName) {
        this(plane, net, tunName, true, null, "no raw ESP socket is open");
    }

    /**
     * @param alwaysUdpEncapsulation make IKE UDP-encapsulate every CHILD_SA (NAT detection reports a NAT)
     * @param plainEsp               the raw sockets for CHILD_SAs without encapsulation, or null
     * @param plainUnavailable       why {@code plainEsp} is null (for the error when such a CHILD_SA comes)
     */
    public UserspaceIpsecBackend(final EspDataPlane plane, final NetworkConfigurator net, final String tunName,
            final boolean alwaysUdpEncapsulation, final PlainEspSockets plainEsp, final String plainUnavailable) {
        this.plane = plane;
        this.net = net;
        this.tunName = tunName;
        this.alwaysUdpEncapsulation = alwaysUdpEncapsulation || plainEsp == null;
        this.plainEsp = plainEsp;
        this.plainUnavailable = plainUnavailable;
        plane.setListener(new SaEventListener() {
            @Override
            public void onSoftExpire(final Direction direction, final int spi) {
                fire(spi, false);
            }

            @Override
            public void onHardExpire(final Direction direction, final int spi) {
                fire(spi, true);
            }

            @Override
            public void onSeqOverflow(final Direction direction, final int spi) {
                fire(spi, true);
            }

            @Override
            public void onAcquire(final int reqid) {
                BackendListener l = listener;
                if (l != null) {
                    l.onAcquire(reqid);
                }
            }
        });
    }

    private void fire(final int spi, final boolean hard) {
        BackendListener l = listener;
        if (l != null) {
            Integer reqid = reqidBySpi.get(spi);
            l.onExpire(reqid == null ? 0 : reqid, spi, hard);
        }
    }

    @Override
    public Set<BackendFeature> features() {
        Set<BackendFeature> f = EnumSet.of(BackendFeature.ESN, BackendFeature.TRANSPORT_MODE,
                BackendFeature.LAST_USE_TIME);
        if (alwaysUdpEncapsulation) {
            f.add(BackendFeature.REQUIRE_UDP_ENCAPSULATION);
        }
        return f;
    }

    @Override
    public int allocateSpi(final InetAddress local, final InetAddress remote) {
        return plane.allocateSpi();
    }

    @Override
    public void addSa(final AddSaRequest r) throws BackendException {
        boolean inbound = r.inbound();
        InetAddress localAddr = inbound ? r.id().destination() : r.id().source();
        InetAddress remoteAddr = inbound ? r.id().source() : r.id().destination();
        AddSaRequest.UdpEncapsulation encap = r.encapsulation();
        if (encap == null) {
            requirePlainEsp(r, remoteAddr);
        }
        // Plain ESP has no ports; 0 is also the only port (besides 50) a raw IPv6 socket's sendmsg takes.
        int localPort = encap == null ? 0 : inbound ? encap.destinationPort() : encap.sourcePort();
        int remotePort = encap == null ? 0 : inbound ? encap.sourcePort() : encap.destinationPort();
        if (!inbound && encap != null) {
            remotePorts.put(remoteAddr, remotePort);
        }
        EspEndpoint endpoint = new EspEndpoint(new InetSocketAddress(localAddr, localPort),
                new InetSocketAddress(remoteAddr, remotePort), encap != null);
        List<Selector> local = inbound ? r.destinationSelectors() : r.sourceSelectors();
        List<Selector> remote = inbound ? r.sourceSelectors() : r.destinationSelectors();
        SaSpec spec = new SaSpec(r.id().spi(), inbound ? Direction.INBOUND : Direction.OUTBOUND,
                r.mode() == AddSaRequest.Mode.TRANSPORT ? Mode.TRANSPORT : Mode.TUNNEL, r.reqid(), endpoint,
                r.encryptionAlgorithm(), r.integrityAlgorithm(), keyBits(r), r.encryptionKey(), r.integrityKey(),
                r.esn(), r.replayWindow(), lifetime(r.soft()), lifetime(r.hard()), prefixes(local), prefixes(remote),
                0);
        try {
            plane.installSa(spec);
        } catch (RuntimeException e) {
            throw new BackendException("unable to add SAD entry with SPI " + String.format("%08x", r.id().spi())
                    + ": " + e.getMessage(), e);
        }
        reqidBySpi.put(r.id().spi(), r.reqid());
        KNL.log(System.Logger.Level.DEBUG, () -> "added SAD entry " + r);
    }

    /** An SA negotiated without UDP encapsulation needs the raw socket of its address family. */
    private void requirePlainEsp(final AddSaRequest r, final InetAddress peer) throws BackendException {
        String why = plainEsp == null ? plainUnavailable
                : plainEsp.reaches(peer) ? null : "this host has no IPv6 raw ESP socket";
        if (why != null) {
            throw new BackendException("unable to add SAD entry with SPI " + String.format("%08x", r.id().spi())
                    + ": the CHILD_SA with " + peer.getHostAddress() + " was negotiated without UDP encapsulation"
                    + " (no NAT traversal at the peer, or no NAT under --esp-encap nat), and plain ESP (IP protocol"
                    + " 50) cannot be used: " + why);
        }
    }

    /** Key length in bits as the transform wants it: AEAD keys arrive with their 4-byte salt appended. */
    private static int keyBits(final AddSaRequest r) {
        int len = r.encryptionKey().length;
        switch (r.encryptionAlgorithm()) {
            case 20: // AES-GCM-16, RFC 4106 §8.1
            case 28: // ChaCha20-Poly1305, RFC 7634 §2
                return (len - 4) * 8;
            default:
                return len * 8;
        }
    }

    private static org.jswan.esp.api.Lifetime lifetime(final Lifetime l) {
        return l == null ? org.jswan.esp.api.Lifetime.UNLIMITED : new org.jswan.esp.api.Lifetime(l.bytes(),
                l.packets());
    }

    private static List<TrafficSelector> prefixes(final List<Selector> selectors) {
        List<TrafficSelector> out = new ArrayList<>();
        for (Selector s : selectors) {
            out.addAll(SelectorPrefixes.of(s));
        }
        return out;
    }

    @Override
    public void updateSa(final SaId id, final InetAddress newSource, final InetAddress newDestination,
                         final AddSaRequest.UdpEncapsulation encapsulation) throws BackendException {
        throw new BackendException("moving SAs (MOBIKE, NAT mapping changes) is not supported by jswan yet");
    }

    @Override
    public SaUsage querySa(final SaId id) {
        SaStats in = plane.querySa(id.spi(), Direction.INBOUND);
        SaStats s = in != null ? in : plane.querySa(id.spi(), Direction.OUTBOUND);
        return s == null ? new SaUsage(0, 0, 0) : new SaUsage(s.bytes(), s.packets(), s.lastUseMillis());
    }

    @Override
    public void deleteSa(final SaId id) {
        boolean removed = plane.removeSa(id.spi(), Direction.INBOUND) | plane.removeSa(id.spi(), Direction.OUTBOUND);
        reqidBySpi.remove(id.spi());
        if (removed) {
            KNL.log(System.Logger.Level.DEBUG, () -> "deleted SAD entry " + id);
        }
    }

    @Override
    public void addPolicy(final PolicyRequest p) throws BackendException {
        if (p.direction() != PolicyRequest.Direction.OUT) {
            return; // the engine checks inbound traffic against the SA's own selectors
        }
        String key = p.source() + "=" + p.destination() + "/" + p.reqid();
        if (policies.containsKey(key)) {
            return; // a rekey keeps the reqid, and the engine follows the newest outbound SA of a reqid
        }
        List<Long> ids = new ArrayList<>();
        for (TrafficSelector l : SelectorPrefixes.of(p.source())) {
            for (TrafficSelector r : SelectorPrefixes.of(p.destination())) {
                ids.add(plane.addPolicy(new PolicySpec(l, r, p.reqid(), p.priority())));
            }
        }
        policies.put(key, ids);
        for (TrafficSelector r : SelectorPrefixes.of(p.destination())) {
            addRoute(r, p.source(), p);
        }
    }

    @Override
    public void deletePolicy(final PolicyRequest p) {
        if (p.direction() != PolicyRequest.Direction.OUT) {
            return;
        }
        List<Long> ids = policies.remove(p.source() + "=" + p.destination() + "/" + p.reqid());
        if (ids == null) {
            return;
        }
        for (long id : ids) {
            plane.removePolicy(id);
        }
        for (TrafficSelector r : SelectorPrefixes.of(p.destination())) {
            removeRoute(r);
        }
    }

    /**
     * Steers traffic for {@code remote} into the TUN device. A plain route in the main table would also catch the
     * tunnel's own packets whenever {@code remote} covers the peer's outer address (always in transport mode, and in
     * tunnel mode with a remote subnet that includes the peer): the ESP-in-UDP packets and IKE messages to the peer
     * would loop back into the TUN device. Then the route goes into table {@value #TABLE} (strongSwan's routing
     * table) and two rules pick it: at {@value #TABLE} "to remote [ipproto P] [dport A-B] lookup 220", so only the
     * protected protocol/ports enter the TUN device, and before it, at {@value #BYPASS_PRIORITY}, "to peer ipproto
     * udp dport 500 / dport (ESP port) lookup main" (and "ipproto esp" when plain ESP can be used), so IKE and ESP
     * to the peer always take the main table.
     * A transport-mode trap policy (no SA yet, peer unknown) treats its remote selector as the peer. The bypass
     * rules stay until {@link #removeAllRoutes} (they only keep IKE and ESP in the main table). Same design as
     * {@code jswan static} (StaticRoutes, whose transport cases run in EspWireFormatTest); the kernel's lookups are
     * checked by UserspaceIpsecBackendRoutingTest.
     */
    private void addRoute(final TrafficSelector remote, final Selector local, final PolicyRequest p) {
        String key = remote.address().getHostAddress() + "/" + remote.prefixLength();
        int refs = routes.merge(key, 1, Integer::sum);
        if (refs > 1) {
            return;
        }
        IpPrefix prefix = new IpPrefix(remote.address(), remote.prefixLength());
        InetAddress peer = p.outboundSa() == null ? null : p.outboundSa().destination();
        // A trap policy has no SA yet, so no known peer; in transport mode its remote selector is the peer itself.
        boolean coversPeer = peer != null ? remote.covers(peer)
                : p.mode() == AddSaRequest.Mode.TRANSPORT;
        IpPrefix peerPrefix = peer != null ? new IpPrefix(peer, peer.getAddress().length * 8) : prefix;
        Route route = Route.to(prefix, tunName);
        InetAddress src = localAddressWithin(local, remote.address() instanceof Inet4Address);
        if (src != null) {
            route = route.withSource(src);
        }
        try {
            if (coversPeer) {
                bypass(peerPrefix, peer == null ? NAT_T : remotePorts.getOrDefault(peer, NAT_T));
                RoutingRule rule = new RoutingRule(TABLE, prefix, p.destination().ipProtocol(),
                        anyPort(p.destination()) ? 0 : p.destination().startPort(),
                        anyPort(p.destination()) ? 0 : p.destination().endPort(), TABLE);
                route = route.withTable(TABLE);
                net.addRoute(route);
                net.addRule(rule);
                policyRoutes.put(key, new PolicyRoute(route, rule));
            } else {
                net.addRoute(route);
            }
            KNL.log(System.Logger.Level.INFO, "installing route " + key + " dev " + tunName
                    + (src == null ? "" : " src " + src.getHostAddress())
                    + (coversPeer ? " table " + TABLE + " (covers the peer " + peerPrefix
                    + ": IKE and ESP to it bypass the TUN device)" : ""));
        } catch (NetConfigException e) {
            KNL.log(System.Logger.Level.WARNING, "unable to install route " + key + " dev " + tunName + ": "
                    + e.getMessage());
        }
    }

    private static boolean anyPort(final Selector s) {
        return s.ipProtocol() == 0 || s.startPort() == 0 && s.endPort() == 65535;
    }

    /**
     * Once per peer: IKE (UDP 500), ESP-in-UDP to the peer's port and, when plain ESP can be used, IP protocol 50
     * to the peer stay in the main table.
     */
    private void bypass(final IpPrefix peer, final int espPort) throws NetConfigException {
        if (bypassRules.containsKey(peer)) {
            return;
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (int port : espPort == IKE ? new int[] {IKE} : new int[] {IKE, espPort}) {
            RoutingRule r = new RoutingRule(BYPASS_PRIORITY, peer, UDP, port, port, RoutingRule.MAIN);
            net.addRule(r);
            rules.add(r);
        }
        if (plainEsp != null) {
            RoutingRule r = new RoutingRule(BYPASS_PRIORITY, peer, ESP, 0, 0, RoutingRule.MAIN);
            net.addRule(r);
            rules.add(r);
        }
        bypassRules.put(peer, rules);
    }

    private void removeRoute(final TrafficSelector remote) {
        String key = remote.address().getHostAddress() + "/" + remote.prefixLength();
        Integer refs = routes.computeIfPresent(key, (k, v) -> v - 1);
        if (refs == null || refs > 0) {
            return;
        }
        routes.remove(key);
        deleteRoute(key);
    }

    private void deleteRoute(final String key) {
        PolicyRoute pr = policyRoutes.remove(key);
        try {
            if (pr != null) {
                net.deleteRule(pr.rule());
                net.deleteRoute(pr.route());
            } else {
                net.deleteRoute(Route.to(IpPrefix.parse(key), tunName));
            }
        } catch (NetConfigException | IllegalArgumentException e) {
            KNL.log(System.Logger.Level.DEBUG, () -> "route " + key + " already gone: " + e.getMessage());
        }
    }

    /** Removes every route and rule this backend installed (shutdown). */
    public void removeAllRoutes() {
        for (String key : new ArrayList<>(routes.keySet())) {
            deleteRoute(key);
        }
        routes.clear();
        for (List<RoutingRule> rules : bypassRules.values()) {
            for (RoutingRule r : rules) {
                try {
                    net.deleteRule(r);
                } catch (NetConfigException e) {
                    KNL.log(System.Logger.Level.DEBUG, () -> "rule " + r + " already gone");
                }
            }
        }
        bypassRules.clear();
    }

    /** An address of this host inside the local selector, so traffic the gateway itself sends is protected. */
    private static InetAddress localAddressWithin(final Selector local, final boolean v4) {
        List<InetAddress> all = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> ifs = NetworkInterface.getNetworkInterfaces();
            while (ifs.hasMoreElements()) {
                all.addAll(java.util.Collections.list(ifs.nextElement().getInetAddresses()));
            }
        } catch (SocketException e) {
            return null;
        }
        return sourceWithin(local, v4, all);
    }

    /**
     * The address for {@code ip route ... src}: of the wanted family, inside {@code local}, not loopback, and not
     * link-local (valid on one link only, and Java reports it with a scope id, {@code fe80::1%eth0}, that
     * {@code ip route} rejects); returned without any scope id. Null when none fits.
     */
    static InetAddress sourceWithin(final Selector local, final boolean v4, final List<InetAddress> candidates) {
        for (InetAddress a : candidates) {
            if ((a instanceof Inet4Address) != v4 || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                continue;
            }
            try {
                InetAddress plain = InetAddress.getByAddress(a.getAddress()); // drops the scope id
                if (org.jswan.ike.peer.TsConfig.contains(local, new Selector(plain, plain, 0, 0, 65535))) {
                    return plain;
                }
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
            }
        }
        return null;
    }

    @Override
    public void setListener(final BackendListener l) {
        this.listener = l;
    }
}
