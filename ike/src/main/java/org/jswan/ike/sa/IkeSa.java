package org.jswan.ike.sa;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.crypto.IkeSaKeys;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.crypto.SkCipher;
import org.jswan.ike.peer.PeerConfig;

/**
 * The aggregate root of one IKE_SA (strongSwan's ike_sa_t): identity, state, SPIs, endpoints, keys and CHILD_SAs.
 * It holds data only; exchanges are run by its {@code TaskManager}. Confined to the control thread.
 */
public final class IkeSa {
    private static final System.Logger IKE = System.getLogger("IKE");

    private final int uniqueId;
    private final boolean originalInitiator;
    private PeerConfig config;
    private IkeSaState state = IkeSaState.CREATED;
    private long spiI;
    private long spiR;
    private InetSocketAddress local;
    private InetSocketAddress remote;
    private boolean natLocal;
    private boolean natRemote;
    private boolean forceEncap;
    private boolean fragmentation;
    private NegotiatedTransforms transforms;
    private IkeSaKeys keys;
    private SkCipher outbound;
    private SkCipher inbound;
    private byte[] nonceI;
    private byte[] nonceR;
    private byte[] initRequest;
    private byte[] initResponse;
    private Identity localId;
    private Identity remoteId;
    private final List<ChildSa> children = new ArrayList<>();
    private long establishedAtMillis;
    private long rekeyAtMillis;
    private long lastInboundMillis;
    private final List<Integer> peerSignatureHashes = new ArrayList<>();
    private boolean peerSignatureHashesKnown;

    private String localAuth;
    private String remoteAuth;

    public IkeSa(final int uniqueId, final boolean originalInitiator, final PeerConfig config) {
        this.uniqueId = uniqueId;
        this.originalInitiator = originalInitiator;
        this.config = config;
    }

    public int uniqueId() {
        return uniqueId;
    }

    public boolean originalInitiator() {
        return originalInitiator;
    }

    public PeerConfig config() {
        return config;
    }

    public void config(final PeerConfig c) {
        this.config = c;
    }

    public String name() {
        return config == null ? "%any" : config.name();
    }

    public IkeSaState state() {
        return state;
    }

    /** Moves to {@code next} and logs it as strongSwan does ({@code state change: CONNECTING => ESTABLISHED}). */
    public void state(final IkeSaState next) {
        if (next == state) {
            return;
        }
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException(this + ": illegal state change " + state + " => " + next);
        }
        IKE.log(System.Logger.Level.DEBUG, () -> "IKE_SA " + this + " state change: " + state + " => " + next);
        this.state = next;
    }

    public long spiI() {
        return spiI;
    }

    public long spiR() {
        return spiR;
    }

    public void spis(final long initiatorSpi, final long responderSpi) {
        this.spiI = initiatorSpi;
        this.spiR = responderSpi;
    }

    /** Our own SPI: the one the peer puts in its messages to identify this SA to us. */
    public long localSpi() {
        return originalInitiator ? spiI : spiR;
    }

    public InetSocketAddress local() {
        return local;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public void endpoints(final InetSocketAddress localAddress, final InetSocketAddress remoteAddress) {
        this.local = localAddress;
        this.remote = remoteAddress;
    }

    /** We are behind a NAT (our NAT-D hash did not match what the peer saw). */
    public boolean natLocal() {
        return natLocal;
    }

    public boolean natRemote() {
        return natRemote;
    }

    public void nat(final boolean behindNatLocal, final boolean behindNatRemote) {
        this.natLocal = behindNatLocal;
        this.natRemote = behindNatRemote;
    }

    public boolean forceEncap() {
        return forceEncap;
    }

    public void forceEncap(final boolean force) {
        this.forceEncap = force;
    }

    /** Both ends announced IKEV2_FRAGMENTATION_SUPPORTED in IKE_SA_INIT (RFC 7383 §2.3). */
    public boolean fragmentation() {
        return fragmentation;
    }

    public void fragmentation(final boolean negotiated) {
        this.fragmentation = negotiated;
    }

    /** ESP must be UDP-encapsulated: a NAT was seen on either side, or encapsulation is forced. */
    public boolean udpEncapsulation() {
        return natLocal || natRemote || forceEncap;
    }

    public NegotiatedTransforms transforms() {
        return transforms;
    }

    public IkeSaKeys keys() {
        return keys;
    }

    /** Installs the keys and the SK ciphers for both directions from our role's point of view. */
    public void keys(final NegotiatedTransforms negotiated, final IkeSaKeys derived) {
        if (this.keys != null) {
            this.keys.destroy();
        }
        this.transforms = negotiated;
        this.keys = derived;
        SkCipher iToR = derived.initiatorToResponder();
        SkCipher rToI = derived.responderToInitiator();
        this.outbound = originalInitiator ? iToR : rToI;
        this.inbound = originalInitiator ? rToI : iToR;
    }

    public SkCipher outbound() {
        return outbound;
    }

    public SkCipher inbound() {
        return inbound;
    }

    public byte[] nonceI() {
        return nonceI;
    }

    public byte[] nonceR() {
        return nonceR;
    }

    public void nonces(final byte[] ni, final byte[] nr) {
        this.nonceI = ni;
        this.nonceR = nr;
    }

    public byte[] initRequest() {
        return initRequest;
    }

    public byte[] initResponse() {
        return initResponse;
    }

    public void initMessages(final byte[] request, final byte[] response) {
        this.initRequest = request;
        this.initResponse = response;
    }

    public Identity localId() {
        return localId;
    }

    public Identity remoteId() {
        return remoteId;
    }

    public void localId(final Identity id) {
        this.localId = id;
    }

    public void remoteId(final Identity id) {
        this.remoteId = id;
    }

    public List<ChildSa> children() {
        return children;
    }

    public ChildSa childByInboundSpi(final int spi) {
        for (ChildSa c : children) {
            if (c.spiIn() == spi) {
                return c;
            }
        }
        return null;
    }

    public ChildSa childByOutboundSpi(final int spi) {
        for (ChildSa c : children) {
            if (c.spiOut() == spi) {
                return c;
            }
        }
        return null;
    }

    /** How we authenticated to the peer ("pre-shared key", "RFC 7427 signature", ...), for listings. */
    public String localAuth() {
        return localAuth;
    }

    /** How the peer authenticated to us, for listings. */
    public String remoteAuth() {
        return remoteAuth;
    }

    public void localAuth(final String method) {
        this.localAuth = method;
    }

    public void remoteAuth(final String method) {
        this.remoteAuth = method;
    }

    public long establishedAtMillis() {
        return establishedAtMillis;
    }

    public void establishedAtMillis(final long t) {
        this.establishedAtMillis = t;
    }

    public long rekeyAtMillis() {
        return rekeyAtMillis;
    }

    public void rekeyAtMillis(final long t) {
        this.rekeyAtMillis = t;
    }

    public long lastInboundMillis() {
        return lastInboundMillis;
    }

    public void lastInboundMillis(final long t) {
        this.lastInboundMillis = t;
    }

    /** RFC 7427 hash algorithm identifiers the peer announced in SIGNATURE_HASH_ALGORITHMS. */
    public List<Integer> peerSignatureHashes() {
        return peerSignatureHashes;
    }

    public boolean peerSignatureHashesKnown() {
        return peerSignatureHashesKnown;
    }

    public void peerSignatureHashesKnown(final boolean known) {
        this.peerSignatureHashesKnown = known;
    }

    /** Zeroes the keys; the SA is gone. */
    public void destroyKeys() {
        if (keys != null) {
            keys.destroy();
        }
    }

    /** strongSwan's wording: {@code site-b[3]}. */
    @Override
    public String toString() {
        return name() + "[" + uniqueId + "]";
    }
}
