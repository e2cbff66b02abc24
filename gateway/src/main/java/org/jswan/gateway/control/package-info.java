/**
 * strongSwan's VICI control protocol (src/libcharon/plugins/vici/README.md), so that an unmodified {@code swanctl}
 * and the vici client libraries can drive the jswan daemon, and jswan's own CLI talks to it the same way.
 *
 * <p>{@link org.jswan.gateway.control.ViciCodec} is the bounded wire codec over the
 * {@link org.jswan.gateway.control.ViciMessage} tree; {@link org.jswan.gateway.control.ViciServer} serves a Unix
 * socket and dispatches to a {@link org.jswan.gateway.control.ViciCommandHandler};
 * {@link org.jswan.gateway.control.ViciCommands} knows the VICI message layouts and maps them onto
 * {@link org.jswan.gateway.control.GatewayControl}, which the daemon implements;
 * {@link org.jswan.gateway.control.ViciClient} is the client side for the jswan CLI.
 */
package org.jswan.gateway.control;
