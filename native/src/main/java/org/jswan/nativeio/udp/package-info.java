/**
 * Batched UDP sends on a socket someone else owns (the gateway's Netty NAT-T socket): one sendmmsg(2) per batch,
 * with runs of equal-sized datagrams to one peer merged into UDP GSO messages ({@code UDP_SEGMENT}, Linux 4.18+),
 * the design of wireguard-go's {@code conn/bind_std.go}.
 */
package org.jswan.nativeio.udp;
