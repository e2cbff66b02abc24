package org.jswan.esp.api;

/** What an {@link EspTransport} expects in each batch slot. */
public enum Framing {
    /** The ESP packet only (SPI first): a UDP socket (RFC 3948) or a raw ESP socket adds the outer headers. */
    ESP,
    /**
     * A complete outer IP packet: IPv4/IPv6 header [+ UDP header with checksum 0 for RFC 3948] + ESP, for raw IP
     * sockets with IP_HDRINCL. Transport mode keeps the original IP header, fixed up in place.
     */
    IP
}
