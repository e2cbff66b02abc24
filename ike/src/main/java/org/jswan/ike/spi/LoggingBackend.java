package org.jswan.ike.spi;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that installs nothing and logs what it is asked to do; for running the negotiator without a data
 * plane (`jswan daemon --no-dataplane`) and for tests.
 */
public final class LoggingBackend implements IpsecBackend {
    private static final System.Logger KNL = System.getLogger("KNL");
    private final AtomicInteger nextSpi = new AtomicInteger(0xc0000001);

    @Override
    public Set<BackendFeature> features() {
        return EnumSet.of(BackendFeature.REQUIRE_UDP_ENCAPSULATION, BackendFeature.ESN,
                BackendFeature.TRANSPORT_MODE);
    }

    @Override
    public int allocateSpi(final InetAddress local, final InetAddress remote) {
        return nextSpi.getAndIncrement();
    }

    @Override
    public void addSa(final AddSaRequest request) {
        KNL.log(System.Logger.Level.INFO, "adding SAD entry " + request);
    }

    @Override
    public void updateSa(final SaId id, final InetAddress newSource, final InetAddress newDestination,
                         final AddSaRequest.UdpEncapsulation encapsulation) {
        KNL.log(System.Logger.Level.INFO, "updating SAD entry " + id);
    }

    @Override
    public SaUsage querySa(final SaId id) {
        return new SaUsage(0, 0, 0);
    }

    @Override
    public void deleteSa(final SaId id) {
        KNL.log(System.Logger.Level.INFO, "deleting SAD entry " + id);
    }

    @Override
    public void addPolicy(final PolicyRequest policy) {
        KNL.log(System.Logger.Level.INFO, "adding policy " + policy.source() + " === " + policy.destination() + " "
                + policy.direction());
    }

    @Override
    public void deletePolicy(final PolicyRequest policy) {
        KNL.log(System.Logger.Level.INFO, "deleting policy " + policy.source() + " === " + policy.destination()
                + " " + policy.direction());
    }

    @Override
    public void setListener(final BackendListener listener) {
        // nothing expires here
    }
}
