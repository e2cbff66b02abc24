/**
 * The jnr-ffi binding to the C library ({@link org.jswan.nativeio.posix.LibC}), errno names and the exception the
 * control path throws. Linux only (constants are the Linux x86-64/aarch64 values). The hot path calls {@code LibC}
 * directly and turns failures into negative errno codes, never into exceptions.
 */
package org.jswan.nativeio.posix;
