package org.jswan.nativeio.net;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A route to {@code destination} through {@code device}.
 *
 * @param destination the prefix routed
 * @param device      the outgoing interface, e.g. the TUN
 * @param table       routing table id, or 0 for the main table
 * @param metric      route metric, or -1 to leave it to the kernel
 * @param source      preferred source address ({@code src}), or null
 */
public record Route(IpPrefix destination, String device, int table, int metric, InetAddress source) {
    public Route {
        if (destination == null || device == null || device.isEmpty()) {
            throw new IllegalArgumentException("route needs a destination and a device");
        }
        if (table < 0 || metric < -1) {
            throw new IllegalArgumentException("bad table " + table + " or metric " + metric);
        }
        if (source != null && (source instanceof Inet4Address) != destination.isIpv4()) {
            throw new IllegalArgumentException("source " + source.getHostAddress() + " and destination "
                    + destination + " are of different families");
        }
    }

    /** A route in the main table with the kernel's default metric and no preferred source. */
    public static Route to(final IpPrefix destination, final String device) {
        return new Route(destination, device, 0, -1, null);
    }

    public Route withTable(final int id) {
        return new Route(destination, device, id, metric, source);
    }

    public Route withMetric(final int value) {
        return new Route(destination, device, table, value, source);
    }

    public Route withSource(final InetAddress address) {
        return new Route(destination, device, table, metric, address);
    }
}
