/**
 * The ESP data plane's own API: the control plane installs SAs and policies through {@link
 * org.jswan.esp.api.IpsecDataPlane}, and the gateway supplies an {@link org.jswan.esp.api.EspTransport}. Nothing here
 * knows IKE; the gateway adapts IKE's backend SPI to this.
 */
package org.jswan.esp.api;
