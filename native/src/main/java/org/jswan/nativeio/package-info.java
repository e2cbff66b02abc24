/**
 * jnr-ffi bindings: the TUN device, interface and route setup. The only module that makes syscalls.
 * Depends on nothing of jswan's. Subpackages: {@code posix} (libc binding, errno), {@code tun} (batched TUN I/O),
 * {@code net} (addresses, MTU, routes via iproute2), {@code raw} (plain ESP over a raw socket). Linux only.
 */
package org.jswan.nativeio;
