package org.jswan.ike.daemon;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.SaUsage;

/** An immutable snapshot of one IKE_SA and its CHILD_SAs, for listings; holds no keys. */
public record IkeSaView(String name, int uniqueId, String state, boolean initiator, String localHost, int localPort,
                        String localId, String remoteHost, int remotePort, String remoteId, long spiI, long spiR,
                        String encryption, String integrity, String prf, String keyExchange, boolean natLocal,
                        boolean natRemote, long establishedSeconds, long rekeyInSeconds, List<ChildView> children,
                        String localAuth, String remoteAuth) {

    /** One CHILD_SA. */
    public record ChildView(String name, int uniqueId, int reqid, String state, String mode, boolean encap,
                            int spiIn, int spiOut, String encryption, String integrity, String keyExchange,
                            long bytesIn, long packetsIn, long useInSeconds, long bytesOut, long packetsOut,
                            long useOutSeconds, long installedSeconds,
                            long rekeyInSeconds, long lifeInSeconds, List<String> localTs, List<String> remoteTs) {
    }

    static IkeSaView of(final IkeSa sa, final IpsecBackend backend, final long now) {
        List<ChildView> children = new ArrayList<>();
        for (ChildSa c : sa.children()) {
            SaUsage in = usage(backend, new SaId(sa.remote().getAddress(), sa.local().getAddress(), c.spiIn(),
                    SaId.ESP));
            SaUsage out = usage(backend, new SaId(sa.local().getAddress(), sa.remote().getAddress(), c.spiOut(),
                    SaId.ESP));
            List<String> l = new ArrayList<>();
            c.localTs().forEach(s -> l.add(s.toString()));
            List<String> r = new ArrayList<>();
            c.remoteTs().forEach(s -> r.add(s.toString()));
            var t = c.transforms();
            children.add(new ChildView(c.name(), c.uniqueId(), c.reqid(), c.state().name(),
                    c.transportMode() ? "TRANSPORT" : "TUNNEL", c.encapsulated(), c.spiIn(), c.spiOut(),
                    t == null ? null : t.encryption().name(), t == null || t.integrity() == null ? null
                    : t.integrity().name(), t == null || t.keyExchange() == null ? null : t.keyExchange().name(),
                    in.bytes(), in.packets(), sinceUse(in, now), out.bytes(), out.packets(), sinceUse(out, now),
                    seconds(now - c.installedAtMillis()),
                    seconds(c.rekeyAtMillis() - now), seconds(c.expireAtMillis() - now), l, r));
        }
        var t = sa.transforms();
        return new IkeSaView(sa.name(), sa.uniqueId(), sa.state().name(), sa.originalInitiator(),
                sa.local() == null ? null : sa.local().getAddress().getHostAddress(),
                sa.local() == null ? 0 : sa.local().getPort(), sa.localId() == null ? null : sa.localId().toString(),
                sa.remote() == null ? null : sa.remote().getAddress().getHostAddress(),
                sa.remote() == null ? 0 : sa.remote().getPort(),
                sa.remoteId() == null ? null : sa.remoteId().toString(), sa.spiI(), sa.spiR(),
                t == null ? null : t.encryption().name(), t == null || t.integrity() == null ? null
                : t.integrity().name(), t == null || t.prf() == null ? null : t.prf().name(),
                t == null || t.keyExchange() == null ? null : t.keyExchange().name(), sa.natLocal(), sa.natRemote(),
                sa.establishedAtMillis() == 0 ? 0 : seconds(now - sa.establishedAtMillis()),
                sa.rekeyAtMillis() == 0 ? 0 : seconds(sa.rekeyAtMillis() - now), children, sa.localAuth(),
                sa.remoteAuth());
    }

    private static SaUsage usage(final IpsecBackend backend, final SaId id) {
        try {
            return backend.querySa(id);
        } catch (BackendException e) {
            return new SaUsage(0, 0, 0);
        }
    }

    /** Seconds since the SA last carried a packet, -1 if it never did (strongSwan's use-in/use-out). */
    private static long sinceUse(final SaUsage usage, final long now) {
        return usage.lastUseMillis() == 0 ? -1 : seconds(now - usage.lastUseMillis());
    }

    private static long seconds(final long millis) {
        return Math.max(0, millis / 1000);
    }
}
