/**
 * jnr-ffi bindings: the TUN device, interface and route setup. The only module that makes syscalls.
 * Depends on nothing of jswan's.
 */
package org.jswan.nativeio;
