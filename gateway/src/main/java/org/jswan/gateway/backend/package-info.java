/**
 * The adapters between IKE and the userspace data plane: {@link org.jswan.gateway.backend.UserspaceIpsecBackend}
 * implements IKE's backend interface on top of the ESP engine (as strongSwan's kernel-libipsec plugin does on top of
 * libipsec), and the transport sends ESP through the gateway's UDP socket.
 */
package org.jswan.gateway.backend;
