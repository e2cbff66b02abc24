package org.jswan.nativeio.crypto;

/**
 * What the libcrypto contexts add to {@link NativeCipherContext}: the loaded library, the cipher fetch with its key
 * length check, and the init call for the direction the context runs.
 */
abstract class EvpContext extends NativeCipherContext {
    final LibCrypto lib;

    EvpContext(final int paramsSize, final boolean encrypt) {
        super(paramsSize, encrypt);
        this.lib = LibCryptoLoader.LIBCRYPTO;
        if (lib == null) {
            throw new IllegalStateException("OpenSSL is not available: " + LibCryptoLoader.FAILURE);
        }
    }

    /** True when libcrypto 3 is loaded and usable. */
    public static boolean available() {
        return LibCryptoLoader.LIBCRYPTO != null;
    }

    /** Why {@link #available()} is false, or null. */
    public static String unavailableReason() {
        return LibCryptoLoader.FAILURE;
    }

    /** The library's version text, e.g. "OpenSSL 3.0.19 27 Jan 2026", or null. */
    public static String version() {
        LibCrypto lib = LibCryptoLoader.LIBCRYPTO;
        return lib == null ? null : lib.OpenSSL_version(LibCrypto.OPENSSL_VERSION);
    }

    /** The fetched cipher, after checking that {@code key} has the length it reads (OpenSSL takes no length). */
    final long fetch(final String algorithm, final byte[] key) {
        long cipher = lib.EVP_CIPHER_fetch(0, algorithm, null);
        if (cipher == 0) {
            lib.ERR_clear_error();
            throw new IllegalArgumentException("OpenSSL has no cipher " + algorithm);
        }
        int length = lib.EVP_CIPHER_get_key_length(cipher);
        if (length != key.length) {
            lib.EVP_CIPHER_free(cipher);
            throw new IllegalArgumentException(algorithm + " takes a " + length + "-byte key, got " + key.length);
        }
        return cipher;
    }

    /**
     * EVP_EncryptInit_ex or EVP_DecryptInit_ex, whichever way this instance runs (not EVP_CipherInit_ex, whose sixth
     * argument jnr-ffi did not pass reliably). Zero for any of the pointers keeps what the context already has.
     */
    final boolean cipherInit(final long context, final long cipherOrZero, final long key, final long iv) {
        return (encrypt ? lib.EVP_EncryptInit_ex(context, cipherOrZero, 0, key, iv)
                : lib.EVP_DecryptInit_ex(context, cipherOrZero, 0, key, iv)) == 1;
    }
}
