package org.jswan.ike.task;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.crypto.ChildSaKeys;
import org.jswan.ike.crypto.IkeCryptoException;
import org.jswan.ike.crypto.KeyExchange;
import org.jswan.ike.crypto.KeyExchangeFactory;
import org.jswan.ike.crypto.Keymat;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.crypto.Secret;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.KePayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.ProtocolId;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.message.TrafficSelector;
import org.jswan.ike.message.TsPayload;
import org.jswan.ike.message.TsType;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.TsConfig;
import org.jswan.ike.proposal.ProposalSelector;
import org.jswan.ike.proposal.ProposalSpec;
import org.jswan.ike.proposal.Selection;
import org.jswan.ike.proposal.TransformSpec;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.ChildSaState;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.Selector;

/**
 * Creates one CHILD_SA, in IKE_AUTH or in CREATE_CHILD_SA (RFC 7296 §1.3.1), also as the new SA of a rekey
 * (§1.3.3, with N(REKEY_SA)). The responder picks the child configuration whose traffic selectors overlap the
 * proposed ones and narrows them (§2.9); failures concern only the CHILD_SA, never the IKE_SA.
 */
class ChildCreateTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");
    private static final System.Logger CHD = System.getLogger("CHD");
    private static final int NONCE_LENGTH = 32;

    protected final IkeSa sa;
    protected final TaskContext ctx;
    protected final boolean initiator;
    private ChildPeerConfig config;
    /** The CHILD_SA this one replaces (rekeying), or null. */
    protected ChildSa rekeyed;
    private ChildSa child;
    private KeyExchange ke;
    private byte[] myNonce;
    private byte[] peerNonce;
    private byte[] peerKe;
    private Selection.Selected selected;
    private List<Selector> localTs;
    private List<Selector> remoteTs;
    private boolean transport;
    private NotifyType childError;

    ChildCreateTask(final IkeSa sa, final TaskContext ctx, final boolean initiator, final ChildPeerConfig config) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
        this.config = config;
    }

    @Override
    public TaskType type() {
        return TaskType.CHILD_CREATE;
    }

    ChildSa child() {
        return child;
    }

    /** The smaller of the two nonces of this exchange (RFC 7296 §2.8.1), or null before both are known. */
    byte[] lowestNonce() {
        if (myNonce == null || peerNonce == null) {
            return null;
        }
        return java.util.Arrays.compareUnsigned(myNonce, peerNonce) <= 0 ? myNonce : peerNonce;
    }

    void setConfig(final ChildPeerConfig c) {
        this.config = c;
    }

    private boolean relevant(final ExchangeType x) {
        return x.equals(ExchangeType.IKE_AUTH) || x.equals(ExchangeType.CREATE_CHILD_SA);
    }

    @Override
    public TaskStatus build(final OutboundMessage message) throws IkeProtocolException {
        if (message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return TaskStatus.NEED_MORE;
        }
        if (!relevant(message.exchangeType())) {
            return TaskStatus.SUCCESS;
        }
        return initiator ? buildRequest(message) : buildResponse(message);
    }

    @Override
    public TaskStatus process(final IkeMessage message) throws IkeProtocolException {
        if (message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return TaskStatus.NEED_MORE;
        }
        if (!relevant(message.exchangeType())) {
            return TaskStatus.SUCCESS;
        }
        return initiator ? processResponse(message) : processRequest(message);
    }

    private boolean inIkeAuth(final ExchangeType x) {
        return x.equals(ExchangeType.IKE_AUTH);
    }

    private TaskStatus buildRequest(final OutboundMessage message) throws IkeProtocolException {
        if (config == null) {
            return TaskStatus.SUCCESS;
        }
        child = new ChildSa(config, ctx.nextChildId(), rekeyed != null ? rekeyed.reqid() : ctx.reqidFor(sa, config));
        child.state(ChildSaState.INSTALLING);
        child.spiIn(allocateSpi());
        List<ProposalSpec> proposals = proposals(inIkeAuth(message.exchangeType()));
        message.add(new SaPayload(ProposalWire.offer(proposals, spiBytes(child.spiIn()))));
        if (!inIkeAuth(message.exchangeType())) {
            myNonce = newNonce();
            message.add(new NoncePayload(myNonce));
            int group = pfsGroup(proposals);
            if (group != 0) {
                ke = KeyExchangeFactory.create(group, ctx.random());
                message.add(new KePayload(group, ke.publicValue()));
            }
        }
        localTs = resolve(config.localTs(), sa.local().getAddress());
        remoteTs = resolve(config.remoteTs(), sa.remote().getAddress());
        message.add(new TsPayload(true, toWire(localTs)));
        message.add(new TsPayload(false, toWire(remoteTs)));
        if (config.transportMode()) {
            message.addNotify(NotifyType.USE_TRANSPORT_MODE, new byte[0]);
        }
        if (rekeyed != null) {
            message.add(new NotifyPayload(ProtocolId.ESP, spiBytes(rekeyed.spiIn()), NotifyType.REKEY_SA,
                    new byte[0]));
        }
        return TaskStatus.NEED_MORE;
    }

    private TaskStatus processResponse(final IkeMessage message) throws IkeProtocolException {
        if (config == null) {
            return TaskStatus.SUCCESS;
        }
        for (NotifyPayload n : message.payloads(NotifyPayload.class)) {
            if (n.notifyType().value() < 16384) {
                CHD.log(System.Logger.Level.INFO, "received " + n.notifyType() + " notify, no CHILD_SA built");
                abandon();
                return TaskStatus.SUCCESS;
            }
        }
        SaPayload saPayload = message.payloads(SaPayload.class).isEmpty() ? null
                : message.payloads(SaPayload.class).get(0);
        List<TsPayload> ts = message.payloads(TsPayload.class);
        if (saPayload == null || saPayload.proposals().size() != 1 || ts.size() != 2) {
            CHD.log(System.Logger.Level.INFO, "CHILD_SA response lacks SA or TS payloads, no CHILD_SA built");
            abandon();
            return TaskStatus.SUCCESS;
        }
        List<ProposalSpec> ours = proposals(inIkeAuth(message.exchangeType()));
        Selection s = ProposalSelector.verifyResponse(ours, ProposalWire.fromWire(saPayload.proposals().get(0)));
        if (!(s instanceof Selection.Selected sel)) {
            CHD.log(System.Logger.Level.INFO, "responder's CHILD_SA proposal is not one of ours");
            abandon();
            return TaskStatus.SUCCESS;
        }
        selected = sel;
        byte[] spi = saPayload.proposals().get(0).spi();
        if (spi.length != 4) {
            throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "ESP SPI of " + spi.length + " bytes");
        }
        child.spiOut(ByteBuffer.wrap(spi).getInt());
        List<Selector> tsi = fromWire(tsPayload(ts, true).selectors());
        List<Selector> tsr = fromWire(tsPayload(ts, false).selectors());
        if (!within(tsi, localTs) || !within(tsr, remoteTs)) {
            CHD.log(System.Logger.Level.INFO, "responder's traffic selectors are not a subset of ours");
            abandon();
            return TaskStatus.SUCCESS;
        }
        localTs = tsi;
        remoteTs = tsr;
        transport = config.transportMode() && message.notify(NotifyType.USE_TRANSPORT_MODE) != null;
        if (!inIkeAuth(message.exchangeType())) {
            peerNonce = IkeInitTask.required(message, NoncePayload.class, "Nonce").data();
            if (ke != null) {
                KePayload k = IkeInitTask.required(message, KePayload.class, "KE");
                if (k.group() != ke.group()) {
                    CHD.log(System.Logger.Level.INFO, "responder used KE method " + k.group() + " for the CHILD_SA");
                    abandon();
                    return TaskStatus.SUCCESS;
                }
                peerKe = k.data();
            }
        }
        install();
        return TaskStatus.SUCCESS;
    }

    private TaskStatus processRequest(final IkeMessage message) throws IkeProtocolException {
        SaPayload saPayload = message.payloads(SaPayload.class).isEmpty() ? null
                : message.payloads(SaPayload.class).get(0);
        List<TsPayload> ts = message.payloads(TsPayload.class);
        if (saPayload == null && inIkeAuth(message.exchangeType())) {
            return TaskStatus.SUCCESS;
        }
        if (saPayload == null || ts.size() != 2) {
            throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "CREATE_CHILD_SA request without SA/TS");
        }
        List<Selector> tsi = fromWire(tsPayload(ts, true).selectors());
        List<Selector> tsr = fromWire(tsPayload(ts, false).selectors());
        if (config == null) {
            selectConfig(tsi, tsr);
        } else {
            narrow(config, tsi, tsr);
        }
        if (config == null || localTs.isEmpty() || remoteTs.isEmpty()) {
            logNoConfig("no matching CHILD_SA config found for " + tsi + " === " + tsr);
            childError = NotifyType.TS_UNACCEPTABLE;
            return TaskStatus.NEED_MORE;
        }
        boolean ikeAuth = inIkeAuth(message.exchangeType());
        List<org.jswan.ike.proposal.Proposal> offered = ProposalWire.fromWire(saPayload.proposals());
        KePayload kePayload = ikeAuth || message.payloads(KePayload.class).isEmpty() ? null
                : message.payloads(KePayload.class).get(0);
        Selection s = kePayload == null ? ProposalSelector.select(proposals(ikeAuth), offered)
                : ProposalSelector.select(proposals(ikeAuth), offered, ProposalSelector.Preference.CONFIGURED,
                        kePayload.group());
        if (s instanceof Selection.InvalidKePayload inv) {
            childError = NotifyType.INVALID_KE_PAYLOAD;
            throw new IkeProtocolException(NotifyType.INVALID_KE_PAYLOAD,
                    new byte[] {(byte) (inv.group() >>> 8), (byte) inv.group()}, "requesting KE method "
                    + inv.group() + " for the CHILD_SA");
        }
        if (!(s instanceof Selection.Selected sel)) {
            CHD.log(System.Logger.Level.INFO, "no acceptable proposal found for CHILD_SA " + config.name());
            childError = NotifyType.NO_PROPOSAL_CHOSEN;
            return TaskStatus.NEED_MORE;
        }
        selected = sel;
        if (selected.proposal().spi().length != 4) {
            throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "ESP SPI of "
                    + selected.proposal().spi().length + " bytes");
        }
        if (!ikeAuth) {
            peerNonce = IkeInitTask.required(message, NoncePayload.class, "Nonce").data();
            if (selected.transforms().keyExchange() != null) {
                if (kePayload == null) {
                    childError = NotifyType.INVALID_KE_PAYLOAD;
                    return TaskStatus.NEED_MORE;
                }
                peerKe = kePayload.data();
            }
        }
        transport = config.transportMode() && message.notify(NotifyType.USE_TRANSPORT_MODE) != null;
        return TaskStatus.NEED_MORE;
    }

    private static void logNoConfig(final String text) {
        System.getLogger("CFG").log(System.Logger.Level.INFO, text);
    }

    private TaskStatus buildResponse(final OutboundMessage message) throws IkeProtocolException {
        if (childError != null) {
            message.addNotify(childError, new byte[0]);
            return TaskStatus.SUCCESS;
        }
        if (selected == null) {
            return TaskStatus.SUCCESS;
        }
        child = new ChildSa(config, ctx.nextChildId(), rekeyed != null ? rekeyed.reqid() : ctx.reqidFor(sa, config));
        child.state(ChildSaState.INSTALLING);
        child.spiOut(ByteBuffer.wrap(selected.proposal().spi()).getInt());
        child.spiIn(allocateSpi());
        message.add(new SaPayload(List.of(ProposalWire.toWire(selected.proposal().withSpi(
                spiBytes(child.spiIn()))))));
        if (!inIkeAuth(message.exchangeType())) {
            myNonce = newNonce();
            message.add(new NoncePayload(myNonce));
            if (peerKe != null) {
                ke = KeyExchangeFactory.create(selected.transforms().keyExchange().transformId(), ctx.random());
                message.add(new KePayload(ke.group(), ke.publicValue()));
            }
        }
        message.add(new TsPayload(true, toWire(remoteTs)));
        message.add(new TsPayload(false, toWire(localTs)));
        if (transport) {
            message.addNotify(NotifyType.USE_TRANSPORT_MODE, new byte[0]);
        }
        install();
        return TaskStatus.SUCCESS;
    }

    /** Responder: the first child config whose selectors overlap the proposed ones (strongSwan's order). */
    private void selectConfig(final List<Selector> tsi, final List<Selector> tsr) {
        for (ChildPeerConfig c : sa.config().children()) {
            narrow(c, tsi, tsr);
            if (!localTs.isEmpty() && !remoteTs.isEmpty()) {
                config = c;
                return;
            }
        }
        localTs = List.of();
        remoteTs = List.of();
    }

    /** RFC 7296 §2.9: the intersection of what the initiator proposed with what we are configured for. */
    private void narrow(final ChildPeerConfig c, final List<Selector> tsi, final List<Selector> tsr) {
        remoteTs = intersect(tsi, resolveRemote(c.remoteTs()));
        localTs = intersect(tsr, resolve(c.localTs(), sa.local().getAddress()));
    }

    private static List<Selector> intersect(final List<Selector> proposed, final List<Selector> configured) {
        List<Selector> out = new ArrayList<>();
        for (Selector p : proposed) {
            for (Selector c : configured) {
                Selector i = TsConfig.intersect(p, c);
                if (i != null && !out.contains(i)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static boolean within(final List<Selector> narrowed, final List<Selector> proposed) {
        if (narrowed.isEmpty()) {
            return false;
        }
        for (Selector n : narrowed) {
            boolean ok = false;
            for (Selector p : proposed) {
                ok |= TsConfig.contains(p, n);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the new SA's outbound half waits for the SA it replaces to go (see {@link ChildRekeyTask}). */
    protected boolean deferOutbound() {
        return false;
    }

    private void install() throws IkeProtocolException {
        NegotiatedTransforms t = selected.transforms();
        byte[] ni;
        byte[] nr;
        if (myNonce == null) {
            ni = sa.nonceI();
            nr = sa.nonceR();
        } else {
            ni = initiator ? myNonce : peerNonce;
            nr = initiator ? peerNonce : myNonce;
        }
        Secret gir = null;
        if (ke != null && peerKe != null) {
            try {
                gir = ke.computeSharedSecret(peerKe);
            } catch (IkeCryptoException e) {
                abandon();
                throw new IkeProtocolException(NotifyType.INVALID_SYNTAX, "invalid KE payload: " + e.getMessage());
            } finally {
                ke.destroy();
            }
        }
        ChildSaKeys keys = Keymat.deriveChildKeys(sa.keys().prf(), sa.keys().skD(), t, gir, ni, nr);
        if (gir != null) {
            gir.destroy();
        }
        child.transforms(t);
        child.trafficSelectors(localTs, remoteTs);
        child.transportMode(transport);
        child.encapsulated(sa.udpEncapsulation());
        try {
            new ChildSaInstaller(sa, ctx).install(child, keys, initiator, rekeyed != null, deferOutbound());
        } catch (org.jswan.ike.spi.BackendException e) {
            IKE.log(System.Logger.Level.WARNING, "unable to install CHILD_SA " + child + ": " + e.getMessage());
            abandon();
            keys.destroy();
            return;
        }
        if (ctx.keyFiles() != null) {
            InetAddress iAddr = initiator ? sa.local().getAddress() : sa.remote().getAddress();
            InetAddress rAddr = initiator ? sa.remote().getAddress() : sa.local().getAddress();
            int spiI = initiator ? child.spiIn() : child.spiOut();
            int spiR = initiator ? child.spiOut() : child.spiIn();
            int integ = t.integrity() == null ? 0 : t.integrity().transformId();
            ctx.keyFiles().saveEsp(iAddr, rAddr, spiI, spiR, t.encryption().transformId(),
                    keys.encrInitiatorToResponder().bytes(), keys.encrResponderToInitiator().bytes(), integ,
                    keys.integInitiatorToResponder().bytes(), keys.integResponderToInitiator().bytes());
        }
        keys.destroy();
        child.state(ChildSaState.INSTALLED);
        child.installedAtMillis(ctx.nowMillis());
        sa.children().add(child);
        IKE.log(System.Logger.Level.INFO, "CHILD_SA " + child + " established with SPIs "
                + String.format("%08x_i %08x_o", child.spiIn(), child.spiOut()) + " and TS "
                + join(localTs) + " === " + join(remoteTs));
        ctx.childEstablished(sa, child);
    }

    private static String join(final List<Selector> s) {
        StringBuilder sb = new StringBuilder();
        for (Selector x : s) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(x);
        }
        return sb.toString();
    }

    /** Frees what a failed attempt allocated. */
    private void abandon() {
        if (ke != null) {
            ke.destroy();
        }
        if (child != null) {
            child.state(ChildSaState.DESTROYING);
        }
        child = null;
    }

    private List<ProposalSpec> proposals(final boolean ikeAuth) {
        List<ProposalSpec> out = new ArrayList<>();
        for (ProposalSpec p : config.espProposals()) {
            // RFC 7296 §1.2: the CHILD_SA of IKE_AUTH takes its keys from the IKE key exchange, no KE here.
            out.add(ikeAuth ? p.withoutKeyExchange() : p);
        }
        return out;
    }

    private static int pfsGroup(final List<ProposalSpec> proposals) {
        for (ProposalSpec p : proposals) {
            for (TransformSpec t : p.transformsOf(org.jswan.ike.crypto.TransformType.KE)) {
                if (t.id() != 0) {
                    return t.id();
                }
            }
        }
        return 0;
    }

    private int allocateSpi() throws IkeProtocolException {
        try {
            return ctx.backend().allocateSpi(sa.local().getAddress(), sa.remote().getAddress());
        } catch (org.jswan.ike.spi.BackendException e) {
            throw new IkeProtocolException(NotifyType.TEMPORARY_FAILURE, "unable to allocate SPI: "
                    + e.getMessage());
        }
    }

    private byte[] newNonce() {
        byte[] n = new byte[NONCE_LENGTH];
        ctx.random().nextBytes(n);
        return n;
    }

    static byte[] spiBytes(final int spi) {
        return ByteBuffer.allocate(4).putInt(spi).array();
    }

    private static TsPayload tsPayload(final List<TsPayload> ts, final boolean initiatorTs) {
        for (TsPayload p : ts) {
            if (p.initiator() == initiatorTs) {
                return p;
            }
        }
        return ts.get(initiatorTs ? 0 : 1);
    }

    /** The peer's side: {@code dynamic} is its virtual IPs if we assigned any, else its IKE address. */
    private List<Selector> resolveRemote(final List<TsConfig> configured) {
        if (sa.remoteVirtualIps().isEmpty()) {
            return resolve(configured, sa.remote().getAddress());
        }
        List<Selector> out = new ArrayList<>();
        for (InetAddress vip : sa.remoteVirtualIps()) {
            out.addAll(resolve(configured, vip));
        }
        return out;
    }

    static List<Selector> resolve(final List<TsConfig> configured, final InetAddress host) {
        List<Selector> out = new ArrayList<>();
        for (TsConfig c : configured) {
            Selector s = c.resolve(host);
            if (s.startAddress().getAddress().length == host.getAddress().length || !c.dynamic()) {
                out.add(s);
            }
        }
        return out;
    }

    static List<TrafficSelector> toWire(final List<Selector> selectors) {
        List<TrafficSelector> out = new ArrayList<>();
        for (Selector s : selectors) {
            TsType type = s.startAddress().getAddress().length == 4 ? TsType.TS_IPV4_ADDR_RANGE
                    : TsType.TS_IPV6_ADDR_RANGE;
            out.add(new TrafficSelector(type, s.ipProtocol(), s.startPort(), s.endPort(), s.startAddress(),
                    s.endAddress()));
        }
        return out;
    }

    static List<Selector> fromWire(final List<TrafficSelector> selectors) {
        List<Selector> out = new ArrayList<>();
        for (TrafficSelector t : selectors) {
            out.add(new Selector(t.startAddress(), t.endAddress(), t.ipProtocol(), t.startPort(), t.endPort()));
        }
        return out;
    }
}
