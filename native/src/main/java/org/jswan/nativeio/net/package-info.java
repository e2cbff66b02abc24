/**
 * Interface and route configuration (control path only): {@link org.jswan.nativeio.net.NetworkConfigurator} and its
 * Linux implementation {@link org.jswan.nativeio.net.IpCommandConfigurator}, which runs iproute2's {@code ip}. Values
 * crossing the API are records ({@link org.jswan.nativeio.net.IpPrefix}, {@link org.jswan.nativeio.net.Route}).
 */
package org.jswan.nativeio.net;
