package org.jswan.config;

import java.time.Duration;
import java.util.List;

/**
 * An IKE connection ({@code connections.<conn>}), with swanctl.conf(5) defaults applied. Authentication rounds are
 * ordered by their {@code round} value, then by position in the file.
 */
public record ConnectionConfig(
        String name,
        int version,
        List<String> localAddrs,
        List<String> remoteAddrs,
        int localPort,
        int remotePort,
        List<String> proposals,
        List<String> vips,
        boolean aggressive,
        boolean pull,
        String dscp,
        boolean encap,
        boolean mobike,
        Duration dpdDelay,
        Duration dpdTimeout,
        Fragmentation fragmentation,
        boolean sendCertreq,
        SendCert sendCert,
        int keyingtries,
        Unique unique,
        Duration reauthTime,
        Duration rekeyTime,
        Duration overTime,
        Duration randTime,
        List<String> pools,
        long ifIdIn,
        long ifIdOut,
        List<AuthConfig> local,
        List<AuthConfig> remote,
        List<ChildConfig> children,
        SourcePosition position) {

    /** fragmentation values. */
    public enum Fragmentation { YES, ACCEPT, FORCE, NO }

    /** send_cert values. */
    public enum SendCert { IFASKED, ALWAYS, NEVER }

    /** unique values (connection uniqueness policy). */
    public enum Unique { NO, NEVER, KEEP, REPLACE }

    public ConnectionConfig {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        proposals = List.copyOf(proposals);
        vips = List.copyOf(vips);
        pools = List.copyOf(pools);
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        children = List.copyOf(children);
    }

    /** The child named {@code childName}, or null. */
    public ChildConfig child(String childName) {
        for (ChildConfig c : children) {
            if (c.name().equals(childName)) {
                return c;
            }
        }
        return null;
    }
}
