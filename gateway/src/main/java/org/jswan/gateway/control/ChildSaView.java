package org.jswan.gateway.control;

import java.util.List;

/**
 * One CHILD_SA as listed by {@code list-sas}. {@code mode} TUNNEL|TRANSPORT|BEET, {@code protocol} ESP|AH,
 * {@code state} strongSwan's name ({@code INSTALLED}, {@code REKEYING}, ...). Traffic selectors are in
 * strongSwan's notation ({@code 10.1.0.0/16}, {@code 10.1.0.0/16[tcp/443]}). Key size 0 and null names mean
 * "not applicable"; negative times and last-use values "unknown/never".
 */
public record ChildSaView(String name, long uniqueId, long reqid, String state, String mode, String protocol,
        boolean encap, int spiIn, int spiOut, String encrAlg, int encrKeySize, String integAlg, int integKeySize,
        String dhGroup, boolean esn, long bytesIn, long packetsIn, long useInSeconds, long bytesOut, long packetsOut,
        long useOutSeconds, long rekeySeconds, long lifeSeconds, long installSeconds, List<String> localTs,
        List<String> remoteTs) {
    public ChildSaView {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
    }
}
