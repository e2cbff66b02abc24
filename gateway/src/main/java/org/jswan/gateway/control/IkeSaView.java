package org.jswan.gateway.control;

import java.util.List;

/**
 * One IKE_SA as listed by {@code list-sas}. Algorithm names are strongSwan's ({@code AES_CBC},
 * {@code HMAC_SHA2_256_128}, {@code PRF_HMAC_SHA2_256}, {@code CURVE_25519}); a key size of 0 and a null name mean
 * "not applicable", negative times "unknown/not scheduled". SPIs are the 8-byte IKE SPIs.
 */
public record IkeSaView(String name, long uniqueId, int ikeVersion, String state, String localHost, int localPort,
        String localId, String remoteHost, int remotePort, String remoteId, boolean initiator, long initiatorSpi,
        long responderSpi, boolean natLocal, boolean natRemote, String encrAlg, int encrKeySize, String integAlg,
        int integKeySize, String prfAlg, String dhGroup, long establishedSeconds, long rekeySeconds,
        long reauthSeconds, List<String> localVips, List<String> remoteVips, List<ChildSaView> children) {
    public IkeSaView {
        localVips = List.copyOf(localVips);
        remoteVips = List.copyOf(remoteVips);
        children = List.copyOf(children);
    }
}
