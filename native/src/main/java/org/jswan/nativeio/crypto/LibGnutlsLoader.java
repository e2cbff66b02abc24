package org.jswan.nativeio.crypto;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

/**
 * Loads GnuTLS once, on first use. {@link #LIBGNUTLS} is null when it cannot be loaded (no libgnutls30 package, or a
 * GnuTLS older than 3.6.14, the first with AES-192-GCM); {@link #FAILURE} then says why.
 */
final class LibGnutlsLoader {
    static final String MINIMUM_VERSION = "3.6.14";
    static final LibGnutls LIBGNUTLS;
    static final String FAILURE;

    static {
        LibGnutls lib = null;
        String failure = null;
        try {
            lib = LibraryLoader.create(LibGnutls.class).option(LibraryOption.IgnoreError, true).failImmediately()
                    .load("libgnutls.so.30");
            if (lib.gnutls_check_version(MINIMUM_VERSION) == null) {
                failure = "GnuTLS is " + lib.gnutls_check_version(null) + ", need " + MINIMUM_VERSION + " or later";
                lib = null;
            }
        } catch (LinkageError | RuntimeException e) {
            failure = LoadFailure.cannotLoad("libgnutls.so.30", e, "libgnutls30");
            lib = null;
        }
        LIBGNUTLS = lib;
        FAILURE = failure;
    }

    private LibGnutlsLoader() {
    }
}
