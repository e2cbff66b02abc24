/**
 * Plain (not UDP-encapsulated) ESP over a raw IPv4 socket, IP protocol 50, for peers that do not use NAT-T
 * (strongSwan kernel-libipsec's raw ESP handler). Needs CAP_NET_RAW. IPv6 is not done yet.
 */
package org.jswan.nativeio.raw;
