package org.jswan.nativeio.crypto;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

/**
 * Loads libcrypto 3 once, on first use. {@link #LIBCRYPTO} is null when it cannot be loaded (no libssl3 package, or
 * a libcrypto older than 3.0 without EVP_CIPHER_fetch); {@link #FAILURE} then says why.
 */
final class LibCryptoLoader {
    static final LibCrypto LIBCRYPTO;
    static final String FAILURE;

    static {
        LibCrypto lib = null;
        String failure = null;
        try {
            // No call here sets errno we read; without this option jnr-ffi saves it after every call.
            lib = LibraryLoader.create(LibCrypto.class).option(LibraryOption.IgnoreError, true).failImmediately()
                    .load("libcrypto.so.3");
            String version = lib.OpenSSL_version(LibCrypto.OPENSSL_VERSION);
            if (version == null || !version.startsWith("OpenSSL 3")) {
                failure = "libcrypto is " + version + ", need OpenSSL 3";
                lib = null;
            }
        } catch (LinkageError | RuntimeException e) {
            failure = LoadFailure.cannotLoad("libcrypto.so.3", e, "libssl3");
            lib = null;
        }
        LIBCRYPTO = lib;
        FAILURE = failure;
    }

    private LibCryptoLoader() {
    }
}
