/**
 * {@code jswan demo}: a throwaway two-site lab in network namespaces (host A -- gateway A ==== gateway B -- host B),
 * two gateways (jswan and jswan, or jswan and strongSwan) negotiating a tunnel, traffic through it, a summary, and
 * cleanup of everything it started.
 */
package org.jswan.gateway.demo;
