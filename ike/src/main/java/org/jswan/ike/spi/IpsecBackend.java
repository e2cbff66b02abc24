package org.jswan.ike.spi;

import java.net.InetAddress;
import java.util.Set;

/**
 * The contract between IKE and the data plane (strongSwan's kernel_ipsec_t). Called only from the IKE control
 * thread. Implementations report failure with {@link BackendException}.
 */
public interface IpsecBackend {

    Set<BackendFeature> features();

    /** Allocates a fresh inbound SPI for an SA from {@code remote} to {@code local}; never 0, never in use. */
    int allocateSpi(InetAddress local, InetAddress remote) throws BackendException;

    void addSa(AddSaRequest request) throws BackendException;

    /** Moves an installed SA to new outer addresses or encapsulation ports (NAT mapping change, MOBIKE). */
    void updateSa(SaId id, InetAddress newSource, InetAddress newDestination,
                  AddSaRequest.UdpEncapsulation encapsulation) throws BackendException;

    SaUsage querySa(SaId id) throws BackendException;

    /** Removes an SA and zeroes its keys; removing an unknown SA is not an error. */
    void deleteSa(SaId id) throws BackendException;

    void addPolicy(PolicyRequest policy) throws BackendException;

    void deletePolicy(PolicyRequest policy) throws BackendException;

    void setListener(BackendListener listener);
}
