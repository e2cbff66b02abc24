package org.jswan.nativeio.net;

/**
 * Sets up a network interface and its routes (control path only). Each call either succeeds or throws
 * {@link NetConfigException} naming what failed and why.
 */
public interface NetworkConfigurator {
    void setMtu(String device, int mtu) throws NetConfigException;

    /** Adds an address; {@code noDad} skips IPv6 duplicate address detection (ignored for IPv4). */
    void addAddress(String device, IpPrefix address, boolean noDad) throws NetConfigException;

    default void addAddress(final String device, final IpPrefix address) throws NetConfigException {
        addAddress(device, address, false);
    }

    void linkUp(String device) throws NetConfigException;

    void linkDown(String device) throws NetConfigException;

    void addRoute(Route route) throws NetConfigException;

    void deleteRoute(Route route) throws NetConfigException;

    /** Deletes the interface (needed only for persistent devices; a TUN goes away when its last fd closes). */
    void deleteLink(String device) throws NetConfigException;

    /** True if an interface of that name exists in this network namespace. */
    boolean linkExists(String device) throws NetConfigException;

    /** Adds a policy-routing rule (for routes that must not catch the tunnel's own outer packets). */
    default void addRule(final RoutingRule rule) throws NetConfigException {
        throw new UnsupportedOperationException("policy routing rules are not supported by " + getClass().getName());
    }

    default void deleteRule(final RoutingRule rule) throws NetConfigException {
        throw new UnsupportedOperationException("policy routing rules are not supported by " + getClass().getName());
    }
}
