package org.jswan.config;

import java.time.Duration;
import java.util.List;

/**
 * A CHILD_SA configuration ({@code connections.<conn>.children.<child>}), defaults applied as in swanctl.conf(5).
 * Traffic selectors are kept as written ({@code dynamic}, {@code 10.0.0.0/24}, {@code 10.0.0.1-10.0.0.9},
 * optionally followed by {@code [proto/port]}); the validator has checked their syntax. {@code tfcPadding} -1
 * means {@code mtu}; {@code hwOffload} and {@code copyDscp} keep strongSwan's keywords.
 */
public record ChildConfig(
        String name,
        List<String> localTs,
        List<String> remoteTs,
        List<String> espProposals,
        List<String> ahProposals,
        Mode mode,
        StartAction startAction,
        StartAction closeAction,
        DpdAction dpdAction,
        Duration rekeyTime,
        Duration lifeTime,
        Duration randTime,
        long rekeyBytes,
        long lifeBytes,
        long randBytes,
        long rekeyPackets,
        long lifePackets,
        long randPackets,
        String updown,
        boolean hostaccess,
        boolean policies,
        int replayWindow,
        boolean ipcomp,
        Duration inactivity,
        int reqid,
        int priority,
        String interfaceName,
        long ifIdIn,
        long ifIdOut,
        Mark markIn,
        Mark markOut,
        Mark setMarkIn,
        Mark setMarkOut,
        long tfcPadding,
        String hwOffload,
        boolean copyDf,
        boolean copyEcn,
        String copyDscp,
        boolean sha256Truncation96,
        SourcePosition position) {

    /** IPsec mode; PASS and DROP install shunt policies only. */
    public enum Mode { TUNNEL, TRANSPORT, TRANSPORT_PROXY, BEET, PASS, DROP }

    /** start_action / close_action values. */
    public enum StartAction { NONE, TRAP, START }

    /** dpd_action values. */
    public enum DpdAction { CLEAR, TRAP, RESTART }

    /**
     * A netfilter mark and mask. {@code special} is null for a plain {@code value/mask}, or one of strongSwan's
     * special values ({@code %unique}, {@code %unique-dir}, {@code %same}).
     */
    public record Mark(long value, long mask, String special) {
        public static final Mark NONE = new Mark(0, 0, null);
    }

    public ChildConfig {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        espProposals = List.copyOf(espProposals);
        ahProposals = List.copyOf(ahProposals);
    }
}
