/**
 * {@code jswan static}: ESP with manually keyed SAs and no IKE (RFC 4301 §4.5 manual keying), for debugging and for
 * proving the wire format against independent ESP implementations. A small key = value file describes one tunnel;
 * {@link org.jswan.gateway.statickey.StaticTunnel} opens its TUN device, installs the two SAs, the policy and the
 * routes into an {@link org.jswan.esp.engine.EspDataPlane}, and moves packets over a UDP (RFC 3948) or raw ESP
 * socket.
 */
package org.jswan.gateway.statickey;
