package org.jswan.ike.sa;

import java.util.List;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.peer.ChildPeerConfig;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.Selector;

/**
 * One CHILD_SA of an IKE_SA: its negotiated proposal, SPIs, traffic selectors and install state. Confined to the
 * control thread.
 */
public final class ChildSa {
    private final ChildPeerConfig config;
    private final int uniqueId;
    private final int reqid;
    private ChildSaState state = ChildSaState.CREATED;
    private int spiIn;
    private int spiOut;
    private NegotiatedTransforms transforms;
    private List<Selector> localTs = List.of();
    private List<Selector> remoteTs = List.of();
    private boolean transportMode;
    private long installedAtMillis;
    private long rekeyAtMillis;
    private long expireAtMillis;
    private boolean encapsulated;
    private AddSaRequest deferredOutbound;

    public ChildSa(final ChildPeerConfig config, final int uniqueId, final int reqid) {
        this.config = config;
        this.uniqueId = uniqueId;
        this.reqid = reqid;
    }

    public ChildPeerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    public int uniqueId() {
        return uniqueId;
    }

    public int reqid() {
        return reqid;
    }

    public ChildSaState state() {
        return state;
    }

    public void state(final ChildSaState next) {
        this.state = next;
    }

    public int spiIn() {
        return spiIn;
    }

    public void spiIn(final int spi) {
        this.spiIn = spi;
    }

    public int spiOut() {
        return spiOut;
    }

    public void spiOut(final int spi) {
        this.spiOut = spi;
    }

    public NegotiatedTransforms transforms() {
        return transforms;
    }

    public void transforms(final NegotiatedTransforms t) {
        this.transforms = t;
    }

    public List<Selector> localTs() {
        return localTs;
    }

    public List<Selector> remoteTs() {
        return remoteTs;
    }

    public void trafficSelectors(final List<Selector> local, final List<Selector> remote) {
        this.localTs = List.copyOf(local);
        this.remoteTs = List.copyOf(remote);
    }

    public boolean transportMode() {
        return transportMode;
    }

    public void transportMode(final boolean transport) {
        this.transportMode = transport;
    }

    public boolean encapsulated() {
        return encapsulated;
    }

    public void encapsulated(final boolean udp) {
        this.encapsulated = udp;
    }

    public long installedAtMillis() {
        return installedAtMillis;
    }

    public void installedAtMillis(final long t) {
        this.installedAtMillis = t;
    }

    public long rekeyAtMillis() {
        return rekeyAtMillis;
    }

    public void rekeyAtMillis(final long t) {
        this.rekeyAtMillis = t;
    }

    public long expireAtMillis() {
        return expireAtMillis;
    }

    public void expireAtMillis(final long t) {
        this.expireAtMillis = t;
    }

    /** strongSwan's wording: {@code net{3}}. */
    /**
     * The outbound SA of a rekey we responded to, held back until the peer deletes the SA it replaces (RFC 7296
     * §2.8: the initiator installs its new inbound SA only when our response arrives), or null once installed.
     */
    public AddSaRequest deferredOutbound() {
        return deferredOutbound;
    }

    public void deferredOutbound(final AddSaRequest request) {
        this.deferredOutbound = request;
    }

    @Override
    public String toString() {
        return name() + "{" + uniqueId + "}";
    }
}
