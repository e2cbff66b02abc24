package org.jswan.ike.daemon;

import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.task.RetransmitSchedule;

/**
 * Daemon-wide settings (strongswan.conf's charon section): ports, retransmission, DoS limits.
 *
 * @param cookieThreshold half-open IKE_SAs above which IKE_SA_INIT must carry a COOKIE (RFC 7296 §2.6)
 * @param halfOpenLimit   half-open IKE_SAs above which new IKE_SA_INIT requests are ignored
 * @param keyFiles        where to write keys for Wireshark, or null (`--save-keys`)
 * @param deleteRekeyedDelayMillis how long the inbound SA of a CHILD_SA replaced by a rekey stays after its DELETE
 *                                 (charon.delete_rekeyed_delay, 5 s as in strongSwan)
 */
public record DaemonSettings(int ikePort, int natTPort, RetransmitSchedule retransmit, int cookieThreshold,
                             int halfOpenLimit, long halfOpenTimeoutMillis, WiresharkKeyFiles keyFiles,
                             long deleteRekeyedDelayMillis) {

    public DaemonSettings(final int ikePort, final int natTPort, final RetransmitSchedule retransmit,
            final int cookieThreshold, final int halfOpenLimit, final long halfOpenTimeoutMillis,
            final WiresharkKeyFiles keyFiles) {
        this(ikePort, natTPort, retransmit, cookieThreshold, halfOpenLimit, halfOpenTimeoutMillis, keyFiles, 5_000);
    }

    public static DaemonSettings defaults() {
        return new DaemonSettings(500, 4500, RetransmitSchedule.STRONGSWAN_DEFAULT, 30, 1000, 30_000, null);
    }

    public DaemonSettings withDeleteRekeyedDelay(final long millis) {
        return new DaemonSettings(ikePort, natTPort, retransmit, cookieThreshold, halfOpenLimit, halfOpenTimeoutMillis,
                keyFiles, millis);
    }

    public DaemonSettings withPorts(final int ike, final int natT) {
        return new DaemonSettings(ike, natT, retransmit, cookieThreshold, halfOpenLimit, halfOpenTimeoutMillis,
                keyFiles, deleteRekeyedDelayMillis);
    }

    public DaemonSettings withKeyFiles(final WiresharkKeyFiles files) {
        return new DaemonSettings(ikePort, natTPort, retransmit, cookieThreshold, halfOpenLimit,
                halfOpenTimeoutMillis, files, deleteRekeyedDelayMillis);
    }

    public DaemonSettings withCookieThreshold(final int threshold) {
        return new DaemonSettings(ikePort, natTPort, retransmit, threshold, halfOpenLimit, halfOpenTimeoutMillis,
                keyFiles, deleteRekeyedDelayMillis);
    }
}
