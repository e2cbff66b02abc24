package org.jswan.ike.daemon;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jswan.ike.spi.AddSaRequest;
import org.jswan.ike.spi.BackendException;
import org.jswan.ike.spi.BackendFeature;
import org.jswan.ike.spi.BackendListener;
import org.jswan.ike.spi.IpsecBackend;
import org.jswan.ike.spi.PolicyRequest;
import org.jswan.ike.spi.SaId;
import org.jswan.ike.spi.SaUsage;

/** A data plane that records what IKE installs (strongSwan's mock_ipsec.c). */
final class RecordingBackend implements IpsecBackend {
    private static final AtomicInteger NEXT_SPI = new AtomicInteger(0xc1000000);
    final Map<Integer, AddSaRequest> sas = new LinkedHashMap<>();
    final Map<String, PolicyRequest> policies = new LinkedHashMap<>();
    volatile int deletedSas;
    /** What {@link #querySa} reports per SPI; SPIs not in here report nothing used. */
    final Map<Integer, SaUsage> usage = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, SPI allocation fails (a data plane out of resources). */
    volatile boolean refuseSpis;
    BackendListener listener;

    @Override
    public Set<BackendFeature> features() {
        return EnumSet.of(BackendFeature.REQUIRE_UDP_ENCAPSULATION);
    }

    @Override
    public int allocateSpi(final InetAddress local, final InetAddress remote) throws BackendException {
        if (refuseSpis) {
            throw new BackendException("no SPI left");
        }
        return NEXT_SPI.incrementAndGet();
    }

    @Override
    public synchronized void addSa(final AddSaRequest request) {
        sas.put(request.id().spi(), request);
    }

    @Override
    public void updateSa(final SaId id, final InetAddress s, final InetAddress d,
                         final AddSaRequest.UdpEncapsulation encap) {
    }

    @Override
    public SaUsage querySa(final SaId id) {
        return usage.getOrDefault(id.spi(), new SaUsage(0, 0, 0));
    }

    @Override
    public synchronized void deleteSa(final SaId id) {
        if (sas.remove(id.spi()) != null) {
            deletedSas++;
        }
    }

    @Override
    public synchronized void addPolicy(final PolicyRequest policy) {
        policies.put(policy.source() + ">" + policy.destination() + " " + policy.direction(), policy);
    }

    @Override
    public synchronized void deletePolicy(final PolicyRequest policy) {
        policies.remove(policy.source() + ">" + policy.destination() + " " + policy.direction());
    }

    @Override
    public void setListener(final BackendListener l) {
        this.listener = l;
    }

    synchronized AddSaRequest sa(final int spi) {
        return sas.get(spi);
    }

    synchronized int saCount() {
        return sas.size();
    }
}
