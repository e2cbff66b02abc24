package org.jswan.ike.daemon;

import java.net.InetSocketAddress;

/** Sends IKE datagrams; the gateway implements it with its UDP sockets. */
public interface IkeSender {

    /**
     * Sends one IKE message from the socket bound to {@code localPort} (500, 4500 or configured alternatives). On
     * the NAT-T port the implementation prepends the non-ESP marker (RFC 3948 §2.2).
     */
    void send(byte[] message, int localPort, InetSocketAddress remote);
}
