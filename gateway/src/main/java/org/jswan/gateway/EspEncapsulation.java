package org.jswan.gateway;

import java.util.Locale;

/** When CHILD_SAs UDP-encapsulate ESP (RFC 3948): {@code jswan daemon --esp-encap}. */
public enum EspEncapsulation {
    /**
     * Every CHILD_SA, as strongSwan's kernel-libipsec does (NAT detection reports a NAT, RFC 7296 §2.23): the UDP
     * GSO/GRO fast path, and through any NAT. A peer that does not do NAT traversal still gets plain ESP.
     */
    ALWAYS,
    /** Only when NAT detection finds a NAT or the connection says {@code encap = yes}: plain ESP otherwise. */
    NAT;

    /** {@code always} or {@code nat}, any case. */
    public static EspEncapsulation parse(final String text) {
        for (EspEncapsulation e : values()) {
            if (e.name().equalsIgnoreCase(text.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("--esp-encap takes 'always' or 'nat', not '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
