package org.jswan.ike.daemon;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.peer.TsConfig;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.PolicyRequest;

/**
 * Trap policies (strongSwan's trap_manager): outbound policies without an SA, installed for CHILD_SAs with
 * {@code start_action = trap} (and after a close or DPD with {@code close_action}/{@code dpd_action = trap}), so
 * that the first packet of matching traffic makes the data plane ask for an SA. The CHILD_SA negotiated then takes
 * the trap's reqid and with it the trapped traffic; the trap stays behind it until the configuration goes.
 * Confined to the control thread.
 */
final class TrapManager {
    private static final System.Logger CFG = System.getLogger("CFG");

    /** One installed trap: the configuration it stands for and what it installed. */
    record Trap(PeerConfig peer, ChildPeerConfig child, int reqid, List<PolicyRequest> policies) {
    }

    private final IpsecBackend backend;
    private final Map<String, Trap> traps = new LinkedHashMap<>();

    TrapManager(final IpsecBackend backend) {
        this.backend = backend;
    }

    private static String key(final String connection, final String child) {
        return connection + "/" + child;
    }

    /**
     * Installs a trap for {@code child} of {@code peer} between {@code local} and {@code remote} (what
     * {@code dynamic} selectors stand for); an identical trap stays, a changed one is replaced.
     */
    void install(final PeerConfig peer, final ChildPeerConfig child, final int reqid, final InetAddress local,
                 final InetAddress remote) throws BackendException {
        String key = key(peer.name(), child.name());
        Trap old = traps.get(key);
        if (old != null && old.child().equals(child) && old.peer().equals(peer)) {
            return;
        }
        if (old != null) {
            uninstall(old);
        }
        AddSaRequest.Mode mode = child.transportMode() ? AddSaRequest.Mode.TRANSPORT : AddSaRequest.Mode.TUNNEL;
        List<PolicyRequest> policies = new ArrayList<>();
        for (TsConfig l : child.localTs()) {
            for (TsConfig r : child.remoteTs()) {
                policies.add(new PolicyRequest(l.resolve(local), r.resolve(remote), PolicyRequest.Direction.OUT,
                        reqid, null, mode, 0));
            }
        }
        for (PolicyRequest p : policies) {
            backend.addPolicy(p);
        }
        traps.put(key, new Trap(peer, child, reqid, List.copyOf(policies)));
        CFG.log(System.Logger.Level.INFO, "installed trap policy for CHILD_SA '" + child.name() + "' of '"
                + peer.name() + "' (" + describe(policies) + ")");
    }

    /** Removes the traps whose connection or child is not in {@code peers} (or is no longer a trap there). */
    void retainOnly(final Collection<PeerConfig> peers) {
        for (Trap t : new ArrayList<>(traps.values())) {
            PeerConfig now = null;
            for (PeerConfig p : peers) {
                if (p.name().equals(t.peer().name())) {
                    now = p;
                }
            }
            ChildPeerConfig child = now == null ? null : now.child(t.child().name());
            if (child == null || child.startAction() != ChildPeerConfig.StartAction.TRAP) {
                uninstall(t);
            }
        }
    }

    void uninstallAll() {
        for (Trap t : new ArrayList<>(traps.values())) {
            uninstall(t);
        }
    }

    private void uninstall(final Trap t) {
        traps.remove(key(t.peer().name(), t.child().name()));
        for (PolicyRequest p : t.policies()) {
            try {
                backend.deletePolicy(p);
            } catch (BackendException e) {
                CFG.log(System.Logger.Level.WARNING, "unable to remove trap policy of '" + t.child().name() + "': "
                        + e.getMessage());
            }
        }
        CFG.log(System.Logger.Level.INFO, "uninstalled trap policy for CHILD_SA '" + t.child().name() + "' of '"
                + t.peer().name() + "'");
    }

    /** The trap of {@code reqid}, or null. */
    Trap byReqid(final int reqid) {
        for (Trap t : traps.values()) {
            if (t.reqid() == reqid) {
                return t;
            }
        }
        return null;
    }

    /** The reqid of the trap for {@code child} of {@code connection}, or 0 if it has none. */
    int reqid(final String connection, final String child) {
        Trap t = traps.get(key(connection, child));
        return t == null ? 0 : t.reqid();
    }

    private static String describe(final List<PolicyRequest> policies) {
        List<String> out = new ArrayList<>();
        for (PolicyRequest p : policies) {
            out.add(p.source() + " === " + p.destination());
        }
        return String.join(", ", out);
    }
}
