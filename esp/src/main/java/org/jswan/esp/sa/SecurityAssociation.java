package org.jswan.esp.sa;

import java.util.concurrent.atomic.AtomicLong;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Lifetime;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.SaStats;
import org.jswan.esp.crypto.EspTransform;
import org.jswan.esp.crypto.EspTransformFactory;
import org.jswan.esp.replay.ReplayWindow;
import org.jswan.esp.spd.Selector;

/**
 * A runtime SA. Ownership (STYLE B.3 rule 2): {@link #nextSeq} and an outbound transform belong to the tx thread;
 * {@link #replay()} and an inbound transform to the rx thread; counters are written by that one data thread and read
 * by the control thread; {@link #endpoint} is replaced by the control thread (volatile).
 */
public final class SecurityAssociation {
    /** Without ESN the last usable sequence number (RFC 4303 §3.3.3: the counter must not cycle). */
    public static final long MAX_SEQ_32 = 0xFFFF_FFFFL;

    private final int spi;
    private final Direction direction;
    private final Mode mode;
    private final int reqid;
    private final boolean esn;
    private final EspTransform transform;
    private final ReplayWindow replay;
    private final Selector[] localTs;
    private final Selector[] remoteTs;
    private final Lifetime soft;
    private final Lifetime hard;
    private final int tfcPadTo;
    private volatile Peer peer;
    private volatile boolean dead;

    /** tx thread only: next sequence number to send (starts at 1, RFC 4303 §3.3.3, unless the spec says else). */
    private long nextSeq;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong packets = new AtomicLong();
    private volatile long lastUseMillis;
    private boolean softFired;
    private boolean hardFired;
    private boolean overflowFired;
    private boolean seqExhausted;
    /** Batch stamp so a data thread visits each SA once per batch for lifetime checks. */
    private long visitedBatch = -1;

    public SecurityAssociation(final SaSpec spec) {
        this(spec, EspTransformFactory.create(spec.encrId(), spec.integId(), spec.encrKeyBits(), spec.encrKey(),
                spec.integKey(), spec.direction() == Direction.OUTBOUND, spec.esn()));
    }

    /** With a transform built elsewhere (another crypto backend, or the test vectors' fixed-IV transforms). */
    public SecurityAssociation(final SaSpec spec, final EspTransform transform) {
        this.spi = spec.spi();
        this.direction = spec.direction();
        this.mode = spec.mode();
        this.reqid = spec.reqid();
        this.esn = spec.esn();
        this.transform = transform;
        try {
            this.replay = spec.direction() == Direction.INBOUND && spec.replayWindow() > 0
                    ? new ReplayWindow(spec.replayWindow(), spec.esn(), spec.initialSeq()) : null;
            this.localTs = Selector.compile(spec.localTs());
            this.remoteTs = Selector.compile(spec.remoteTs());
            this.peer = new Peer(spec.endpoint());
        } catch (RuntimeException e) {
            transform.destroy(); // nobody else holds it: free its native context and wipe its keys now
            throw e;
        }
        this.nextSeq = spec.initialSeq() + 1;
        this.soft = spec.soft();
        this.hard = spec.hard();
        this.tfcPadTo = spec.tfcPadTo();
    }

    public int spi() {
        return spi;
    }

    public Direction direction() {
        return direction;
    }

    public Mode mode() {
        return mode;
    }

    public int reqid() {
        return reqid;
    }

    public boolean esn() {
        return esn;
    }

    public EspTransform transform() {
        return transform;
    }

    /** Null when replay protection is off (window 0). */
    public ReplayWindow replay() {
        return replay;
    }

    public Selector[] localTs() {
        return localTs;
    }

    public Selector[] remoteTs() {
        return remoteTs;
    }

    public int tfcPadTo() {
        return tfcPadTo;
    }

    /** The endpoint with its address bytes resolved once, so the data path never calls getAddress(). */
    public record Peer(EspEndpoint endpoint, byte[] local, byte[] remote) {
        Peer(final EspEndpoint endpoint) {
            this(endpoint, endpoint.local().getAddress().getAddress(), endpoint.remote().getAddress().getAddress());
        }
    }

    public EspEndpoint endpoint() {
        return peer.endpoint();
    }

    /** One consistent (endpoint, address bytes) view; callers must not modify the arrays. */
    public Peer peer() {
        return peer;
    }

    /** Control thread: a new peer address or ports (NAT change, MOBIKE). */
    public void endpoint(final EspEndpoint endpoint) {
        this.peer = new Peer(endpoint);
    }

    /** True after the hard lifetime, a sequence overflow or removal: the SA processes no more packets. */
    public boolean dead() {
        return dead;
    }

    /** tx thread: takes the next sequence number, or returns -1 when the space is exhausted. */
    public long takeSeq() {
        long s = nextSeq;
        if (!esn && s > MAX_SEQ_32) {
            dead = true;
            seqExhausted = true;
            return -1;
        }
        if (esn && s == 0) { // wrapped 2^64: cannot happen in practice, refuse anyway
            dead = true;
            seqExhausted = true;
            return -1;
        }
        nextSeq = s + 1;
        return s;
    }

    /** For tests and rekey: set the next outbound sequence number (tx thread or before publication). */
    public void nextSeq(final long seq) {
        this.nextSeq = seq;
    }

    /** Owner data thread: count one packet of {@code length} bytes (payload bytes, as the kernel counts). */
    public void count(final int length, final long nowMillis) {
        bytes.lazySet(bytes.get() + length);
        packets.lazySet(packets.get() + 1);
        lastUseMillis = nowMillis;
    }

    /** Owner data thread: true the first time for a given batch stamp. */
    public boolean visit(final long batch) {
        if (visitedBatch == batch) {
            return false;
        }
        visitedBatch = batch;
        return true;
    }

    /**
     * Owner data thread, once per batch: checks the lifetime marks and reports each crossing exactly once.
     *
     * @param sink receives the events (the data plane's event queue)
     */
    public void checkLifetimes(final SaEventSink sink) {
        long b = bytes.get();
        long p = packets.get();
        if (!softFired && soft.reached(b, p)) {
            softFired = true;
            sink.softExpired(this);
        }
        if (!hardFired && hard.reached(b, p)) {
            hardFired = true;
            dead = true;
            sink.hardExpired(this);
        }
        if (!overflowFired && seqExhausted) {
            overflowFired = true;
            sink.seqOverflow(this);
        }
    }

    /** Control thread: stop processing and zero the keys. */
    public void destroy() {
        dead = true;
        transform.destroy();
    }

    public SaStats stats() {
        return new SaStats(spi, direction, bytes.get(), packets.get(), lastUseMillis);
    }

    @Override
    public String toString() {
        return "SA[" + String.format("%08x", spi) + " " + direction + " " + mode + " reqid=" + reqid + "]";
    }
}
