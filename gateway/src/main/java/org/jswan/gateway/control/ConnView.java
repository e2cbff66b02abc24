package org.jswan.gateway.control;

import java.util.List;

/**
 * One loaded connection as listed by {@code list-conns}. {@code ikeVersion} 0 means any; times in seconds, 0 for
 * "disabled".
 */
public record ConnView(String name, List<String> localAddrs, List<String> remoteAddrs, int ikeVersion,
        long reauthSeconds, long rekeySeconds, long dpdDelaySeconds, List<Auth> localAuths, List<Auth> remoteAuths,
        List<Child> children) {
    public ConnView {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        localAuths = List.copyOf(localAuths);
        remoteAuths = List.copyOf(remoteAuths);
        children = List.copyOf(children);
    }

    /** An authentication round: {@code authClass} e.g. {@code pre-shared key}, {@code public key}, {@code EAP}. */
    public record Auth(String authClass, String id) {
    }

    /** A CHILD_SA config; {@code mode} TUNNEL|TRANSPORT|BEET|PASS|DROP; rekey values 0 for "disabled". */
    public record Child(String name, String mode, List<String> localTs, List<String> remoteTs, long rekeySeconds,
            long rekeyBytes, long rekeyPackets, String dpdAction) {
        public Child {
            localTs = List.copyOf(localTs);
            remoteTs = List.copyOf(remoteTs);
        }
    }
}
