package org.jswan.nativeio.crypto;

import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;

/**
 * The part of GnuTLS (libgnutls.so.30) the AES-GCM transform uses: its cipher API, which keeps the key schedule in a
 * handle and takes nonce, AAD, data and tag in four short calls. Every pointer is a raw address ({@code @intptr_t
 * long}) and no call has more than five arguments, so a call allocates nothing on the Java heap. Negative returns are
 * GnuTLS error codes. Loaded with {@code LibraryOption.IgnoreError}: nothing here reports through errno.
 */
public interface LibGnutls {
    /** gnutls_cipher_algorithm_t (gnutls/gnutls.h). */
    int GNUTLS_CIPHER_AES_128_GCM = 10;
    int GNUTLS_CIPHER_AES_256_GCM = 11;
    int GNUTLS_CIPHER_AES_192_GCM = 39;

    /** The library's version when it is at least {@code required}, else null. */
    String gnutls_check_version(String required);

    String gnutls_strerror(int error);

    /**
     * @param handleOut where the new handle is written
     * @param key a gnutls_datum_t {data pointer, unsigned size}
     * @param iv a gnutls_datum_t, or 0 to set the nonce per packet
     */
    int gnutls_cipher_init(@intptr_t long handleOut, int algorithm, @intptr_t long key, @intptr_t long iv);

    /** Frees the handle and zeroes its key schedule. */
    void gnutls_cipher_deinit(@intptr_t long handle);

    void gnutls_cipher_set_iv(@intptr_t long handle, @intptr_t long iv, @size_t long length);

    int gnutls_cipher_add_auth(@intptr_t long handle, @intptr_t long aad, @size_t long length);

    int gnutls_cipher_encrypt2(@intptr_t long handle, @intptr_t long in, @size_t long inLength, @intptr_t long out,
            @size_t long outLength);

    /** Decrypts only: the tag is read with {@link #gnutls_cipher_tag} and compared by the caller. */
    int gnutls_cipher_decrypt2(@intptr_t long handle, @intptr_t long in, @size_t long inLength, @intptr_t long out,
            @size_t long outLength);

    int gnutls_cipher_tag(@intptr_t long handle, @intptr_t long tag, @size_t long length);
}
