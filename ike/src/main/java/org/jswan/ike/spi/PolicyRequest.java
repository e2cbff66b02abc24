package org.jswan.ike.spi;

/**
 * A security policy: packets from {@code source} to {@code destination} selectors in {@code direction} are
 * protected by the outbound SA of {@code reqid} (strongSwan's kernel_ipsec_policy_id_t + policy_info_t).
 */
public record PolicyRequest(Selector source, Selector destination, Direction direction, int reqid,
                            SaId outboundSa, AddSaRequest.Mode mode, int priority) {
    public enum Direction { IN, OUT, FWD }
}
