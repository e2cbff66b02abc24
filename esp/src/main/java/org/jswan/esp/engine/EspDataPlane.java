package org.jswan.esp.engine;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.DropReason;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.IpsecDataPlane;
import org.jswan.esp.api.PolicySpec;
import org.jswan.esp.api.SaEventListener;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.SaStats;
import org.jswan.esp.sa.Sad;
import org.jswan.esp.sa.SadSnapshot;
import org.jswan.esp.sa.SecurityAssociation;

/**
 * The userspace {@link IpsecDataPlane}: owns the SA database, the policy table, the event queue and the per-thread
 * counters. Its methods run on the control thread only; data threads ({@link TunReaderAgent},
 * {@link InboundProcessor}) read the published snapshot and report through the event queue.
 */
public final class EspDataPlane implements IpsecDataPlane {
    private final Sad sad = new Sad();
    private final EventQueue events = new EventQueue();
    private final CopyOnWriteArrayList<EspCounters> counters = new CopyOnWriteArrayList<>();
    private final SecureRandom random;
    private long nextPolicyId = 1;
    private volatile SaEventListener listener;
    private volatile Throwable fatal;

    public EspDataPlane() {
        this(new SecureRandom());
    }

    public EspDataPlane(final SecureRandom random) {
        this.random = random;
    }

    Sad sad() {
        return sad;
    }

    EventQueue events() {
        return events;
    }

    EspCounters newCounters() {
        EspCounters c = new EspCounters();
        counters.add(c);
        return c;
    }

    void fatal(final Throwable t) {
        fatal = t;
    }

    /** The I/O error that stopped a data thread, or null. */
    public Throwable fatalError() {
        return fatal;
    }

    @Override
    public int allocateSpi() {
        SadSnapshot s = sad.snapshot();
        while (true) {
            int spi = random.nextInt();
            // RFC 4303 §2.1: 1..255 reserved by IANA, 0 is never sent.
            if ((spi & 0xFFFF_FFFFL) > 255 && s.inbound(spi) == null) {
                return spi;
            }
        }
    }

    @Override
    public void installSa(final SaSpec spec) {
        SadSnapshot s = sad.snapshot();
        SecurityAssociation existing = spec.direction() == Direction.INBOUND ? s.inbound(spec.spi())
                : s.outbound(spec.spi());
        if (existing != null) {
            throw new IllegalStateException("SA " + String.format("%08x", spec.spi()) + " " + spec.direction()
                    + " already installed");
        }
        sad.put(new SecurityAssociation(spec));
    }

    @Override
    public boolean updateSa(final int spi, final Direction direction, final EspEndpoint endpoint) {
        SecurityAssociation sa = find(spi, direction);
        if (sa == null) {
            return false;
        }
        sa.endpoint(endpoint);
        return true;
    }

    @Override
    public boolean removeSa(final int spi, final Direction direction) {
        SecurityAssociation sa = sad.remove(spi, direction);
        if (sa == null) {
            return false;
        }
        // A data thread may still hold the old snapshot for the rest of its batch; dead() stops it from using the
        // zeroed keys (it drops with SA_EXPIRED).
        sa.destroy();
        return true;
    }

    @Override
    public long addPolicy(final PolicySpec policy) {
        long id = nextPolicyId++;
        sad.policies(sad.snapshot().policies().with(id, policy));
        return id;
    }

    @Override
    public boolean removePolicy(final long policyId) {
        if (!sad.snapshot().policies().contains(policyId)) {
            return false;
        }
        sad.policies(sad.snapshot().policies().without(policyId));
        return true;
    }

    @Override
    public SaStats querySa(final int spi, final Direction direction) {
        SecurityAssociation sa = find(spi, direction);
        return sa == null ? null : sa.stats();
    }

    @Override
    public void setListener(final SaEventListener listener) {
        this.listener = listener;
    }

    @Override
    public int dispatchEvents() {
        return events.drainTo(listener);
    }

    @Override
    public Map<DropReason, Long> dropCounters() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long sum = 0;
            for (EspCounters c : counters) {
                sum += c.get(r);
            }
            m.put(r, sum);
        }
        return m;
    }

    private SecurityAssociation find(final int spi, final Direction direction) {
        SadSnapshot s = sad.snapshot();
        return direction == Direction.INBOUND ? s.inbound(spi) : s.outbound(spi);
    }
}
