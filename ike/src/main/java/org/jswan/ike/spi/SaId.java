package org.jswan.ike.spi;

import java.net.InetAddress;

/** Identifies one SA in the data plane: outer source and destination, SPI and protocol (ESP = 50). */
public record SaId(InetAddress source, InetAddress destination, int spi, int protocol) {
    public static final int ESP = 50;

    @Override
    public String toString() {
        return String.format("SPI %08x %s -> %s", spi, source.getHostAddress(), destination.getHostAddress());
    }
}
