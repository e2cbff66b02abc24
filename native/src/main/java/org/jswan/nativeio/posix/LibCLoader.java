package org.jswan.nativeio.posix;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Loads libc once, on the first call that needs it (a holder class, so merely naming {@link LibC} loads nothing). */
final class LibCLoader {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private LibCLoader() {
    }
}
