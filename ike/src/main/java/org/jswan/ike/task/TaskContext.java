package org.jswan.ike.task;

import java.security.SecureRandom;
import java.util.List;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.sa.ChildSa;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.spi.IpsecBackend;

/** What tasks and the task manager need from the daemon; implemented by the daemon on its control thread. */
public interface TaskContext {

    IpsecBackend backend();

    CredentialStore credentials();

    /** The IKE pre-shared keys (secrets.ike*). */
    org.jswan.ike.peer.SharedSecrets secrets();

    SecureRandom random();

    long nowMillis();

    /** Sends an encoded IKE message to the SA's peer (from port 4500 with the non-ESP marker once NAT-T is on). */
    void send(IkeSa sa, byte[] message);

    /** Runs {@code job} on the control thread after {@code delayMillis}; the handle cancels it. */
    Runnable schedule(long delayMillis, Runnable job);

    /** The IKE_SA is gone: unregister it, delete its CHILD_SAs from the data plane and zero its keys. */
    void destroy(IkeSa sa, String reason);

    /** The IKE_SA now answers to a new SPI pair (IKE_SA_INIT response, IKE rekey): re-index it. */
    void registerSpis(IkeSa sa);

    /** A fresh IKE_SA created by an IKE rekey, registered and owned by the daemon. */
    IkeSa newIkeSa(boolean originalInitiator, PeerConfig config);

    TaskManager taskManager(IkeSa sa);

    /** The local port of our NAT-T socket (4500 unless configured otherwise). */
    int natTPort();

    int nextChildId();

    /**
     * The reqid for a new CHILD_SA of {@code child} on {@code sa}: the reqid of its trap policy when it has one
     * (so the SA takes over the trapped traffic), else a fresh one.
     */
    int reqidFor(IkeSa sa, org.jswan.ike.peer.ChildPeerConfig child);

    /** A virtual IP of {@code pool} for the peer of {@code sa} (by its identity), or null if none is free. */
    default java.net.InetAddress acquireVirtualIp(final org.jswan.ike.peer.VirtualIpPool pool, final IkeSa sa) {
        return null;
    }

    /**
     * How long the inbound SA of a CHILD_SA replaced by a rekey stays installed after its DELETE, for packets the peer
     * sealed before it switched (strongSwan's {@code charon.delete_rekeyed_delay}, 5 s by default).
     */
    default long deleteRekeyedDelayMillis() {
        return 5_000;
    }

    /**
     * Runs {@code removal} (the deletion of a rekeyed CHILD_SA's inbound SA) after {@code delayMillis}, or at once if
     * the daemon shuts down first, so that it never leaves an SA behind.
     */
    default void removeLater(final long delayMillis, final Runnable removal) {
        schedule(delayMillis, removal);
    }

    /** A trap policy uses {@code reqid}: a CHILD_SA of it going away must leave the policies in place. */
    default boolean trapped(final int reqid) {
        return false;
    }

    /** Every IKE_SA the daemon owns, half-open ones included (a snapshot: destroying one is safe while iterating). */
    default List<IkeSa> ikeSas() {
        return List.of();
    }

    /** Connections a responder may pick from. */
    List<PeerConfig> peerConfigs();

    /** Null unless `--save-keys` is on. */
    WiresharkKeyFiles keyFiles();

    /** A message was dropped after decryption (e.g. a message ID out of the window); counted by reason. */
    default void dropped(final String reason) {
    }

    /** Lifecycle events for the control plane and logs. */
    default void ikeEstablished(final IkeSa sa) {
    }

    default void childEstablished(final IkeSa sa, final ChildSa child) {
    }

    default void childDeleted(final IkeSa sa, final ChildSa child) {
    }
}
