package org.jswan.ike.task;

import java.util.List;
import org.jswan.ike.crypto.ChildSaKeys;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.Lifetime;
import org.jswan.ike.spi.PolicyRequest;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.Selector;

/**
 * Hands a negotiated CHILD_SA to the data plane through {@code IpsecBackend}: the inbound SA first, then the
 * outbound SA and the policies that steer traffic into it (make-before-break, as strongSwan's child_sa.c). The
 * data plane sends on the newest outbound SA of a reqid, so installing the outbound SA is what switches traffic.
 */
final class ChildSaInstaller {
    private final IkeSa sa;
    private final TaskContext ctx;

    ChildSaInstaller(final IkeSa sa, final TaskContext ctx) {
        this.sa = sa;
        this.ctx = ctx;
    }

    /**
     * @param exchangeInitiator we initiated the exchange that created the SA: KEYMAT's i→r keys are then ours
     * @param rekey             the SA replaces one with the same reqid, whose IN and FWD policies stay
     * @param deferOutbound     keep the outbound SA back ({@link ChildSa#deferredOutbound()}) until
     *                          {@link #installDeferredOutbound} when the replaced SA goes
     */
    void install(final ChildSa child, final ChildSaKeys keys, final boolean exchangeInitiator, final boolean rekey,
            final boolean deferOutbound) throws BackendException {
        NegotiatedTransforms t = child.transforms();
        ChildPeerConfig c = child.config();
        byte[] encOut = (exchangeInitiator ? keys.encrInitiatorToResponder() : keys.encrResponderToInitiator()).bytes();
        byte[] intOut = (exchangeInitiator ? keys.integInitiatorToResponder() : keys.integResponderToInitiator())
                .bytes();
        byte[] encIn = (exchangeInitiator ? keys.encrResponderToInitiator() : keys.encrInitiatorToResponder()).bytes();
        byte[] intIn = (exchangeInitiator ? keys.integResponderToInitiator() : keys.integInitiatorToResponder())
                .bytes();
        int integ = t.integrity() == null ? 0 : t.integrity().transformId();
        AddSaRequest.Mode mode = child.transportMode() ? AddSaRequest.Mode.TRANSPORT : AddSaRequest.Mode.TUNNEL;
        boolean encap = sa.udpEncapsulation();
        SaId in = new SaId(sa.remote().getAddress(), sa.local().getAddress(), child.spiIn(), SaId.ESP);
        SaId out = new SaId(sa.local().getAddress(), sa.remote().getAddress(), child.spiOut(), SaId.ESP);
        Lifetime soft = new Lifetime(c.rekeyBytes(), c.rekeyPackets());
        Lifetime hard = new Lifetime(c.lifeBytes(), c.lifePackets());
        List<Selector> local = child.localTs();
        List<Selector> remote = child.remoteTs();
        ctx.backend().addSa(new AddSaRequest(in, child.reqid(), true, mode, remote, local, t.encryption()
                .transformId(), encIn, integ, intIn, c.replayWindow(), t.esn(),
                encap ? new AddSaRequest.UdpEncapsulation(sa.remote().getPort(), sa.local().getPort()) : null,
                soft, hard));
        AddSaRequest outbound = new AddSaRequest(out, child.reqid(), false, mode, local, remote, t.encryption()
                .transformId(), encOut, integ, intOut, c.replayWindow(), t.esn(),
                encap ? new AddSaRequest.UdpEncapsulation(sa.local().getPort(), sa.remote().getPort()) : null,
                soft, hard);
        if (deferOutbound) {
            child.deferredOutbound(outbound);
        } else {
            ctx.backend().addSa(outbound);
        }
        for (Selector l : local) {
            for (Selector r : remote) {
                ctx.backend().addPolicy(new PolicyRequest(l, r, PolicyRequest.Direction.OUT, child.reqid(), out,
                        mode, 0));
                if (!rekey) {
                    ctx.backend().addPolicy(new PolicyRequest(r, l, PolicyRequest.Direction.IN, child.reqid(), in,
                            mode, 0));
                }
            }
        }
    }

    /** Switches traffic to {@code child}'s held-back outbound SA, if it has one. */
    void installDeferredOutbound(final ChildSa child) {
        AddSaRequest outbound = child.deferredOutbound();
        if (outbound == null) {
            return;
        }
        child.deferredOutbound(null);
        try {
            ctx.backend().addSa(outbound);
        } catch (BackendException e) {
            System.getLogger("KNL").log(System.Logger.Level.WARNING, "unable to install outbound SA of CHILD_SA "
                    + child + ": " + e.getMessage());
        }
    }

    /**
     * Removes a CHILD_SA that a rekey replaced: its outbound SA now, its inbound SA after
     * {@code inboundDelayMillis}, so that packets the peer sealed with the old SA before it switched, still in flight
     * or queued behind the DELETE, are not dropped (strongSwan's {@code charon.delete_rekeyed_delay}, 5 s by default).
     * Its policies belong to the successor. A delay of 0 removes both at once.
     */
    void uninstallRekeyed(final ChildSa child, final long inboundDelayMillis) {
        if (inboundDelayMillis <= 0) {
            uninstall(child, true);
            return;
        }
        SaId in = inbound(child);
        try {
            deleteOutbound(child);
        } catch (BackendException e) {
            System.getLogger("KNL").log(System.Logger.Level.WARNING, "unable to delete outbound SA of CHILD_SA "
                    + child + ": " + e.getMessage());
        }
        IpsecBackend backend = ctx.backend();
        ctx.removeLater(inboundDelayMillis, () -> {
            try {
                backend.deleteSa(in);
            } catch (BackendException e) {
                System.getLogger("KNL").log(System.Logger.Level.WARNING, "unable to delete inbound SA "
                        + String.format("%08x", child.spiIn()) + " of rekeyed CHILD_SA " + child + ": "
                        + e.getMessage());
            }
        });
    }

    /** Removes the SAs of a CHILD_SA; its policies go too unless a successor (same reqid) still uses them. */
    void uninstall(final ChildSa child, final boolean keepPolicies) {
        try {
            if (!keepPolicies) {
                for (Selector l : child.localTs()) {
                    for (Selector r : child.remoteTs()) {
                        AddSaRequest.Mode mode = child.transportMode() ? AddSaRequest.Mode.TRANSPORT
                                : AddSaRequest.Mode.TUNNEL;
                        ctx.backend().deletePolicy(new PolicyRequest(l, r, PolicyRequest.Direction.OUT,
                                child.reqid(), null, mode, 0));
                        ctx.backend().deletePolicy(new PolicyRequest(r, l, PolicyRequest.Direction.IN,
                                child.reqid(), null, mode, 0));
                    }
                }
            }
            ctx.backend().deleteSa(inbound(child));
            deleteOutbound(child);
        } catch (BackendException e) {
            System.getLogger("KNL").log(System.Logger.Level.WARNING, "unable to delete CHILD_SA " + child + ": "
                    + e.getMessage());
        }
    }

    private SaId inbound(final ChildSa child) {
        return new SaId(sa.remote().getAddress(), sa.local().getAddress(), child.spiIn(), SaId.ESP);
    }

    /** The outbound SA, unless it was never installed (no SPI yet, or still deferred until the old SA's DELETE). */
    private void deleteOutbound(final ChildSa child) throws BackendException {
        if (child.spiOut() != 0 && child.deferredOutbound() == null) {
            ctx.backend().deleteSa(new SaId(sa.local().getAddress(), sa.remote().getAddress(), child.spiOut(),
                    SaId.ESP));
        }
        child.deferredOutbound(null);
    }
}
