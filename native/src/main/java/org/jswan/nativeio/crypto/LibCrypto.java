package org.jswan.nativeio.crypto;

import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;

/**
 * The part of libcrypto 3 (EVP ciphers, HMAC) the ESP transforms use, bound by jnr-ffi. Every pointer is passed as a
 * raw address ({@code @intptr_t long}) so that a call allocates nothing on the Java heap; callers bounds-check every
 * address against the buffer it came from. Loaded with {@code LibraryOption.IgnoreError}: nothing here reports
 * through errno.
 */
public interface LibCrypto {
    /** EVP_CIPHER_CTX_ctrl types (openssl/evp.h). */
    int EVP_CTRL_AEAD_GET_TAG = 0x10;
    int EVP_CTRL_AEAD_SET_TAG = 0x11;
    /** OpenSSL_version(): the "OpenSSL 3.0.x dd Mon yyyy" text. */
    int OPENSSL_VERSION = 0;

    String OpenSSL_version(int type);

    @intptr_t
    long EVP_CIPHER_fetch(@intptr_t long libctx, String algorithm, String properties);

    void EVP_CIPHER_free(@intptr_t long cipher);

    int EVP_CIPHER_get_key_length(@intptr_t long cipher);

    @intptr_t
    long EVP_CIPHER_CTX_new();

    /** Also cleanses the key schedule the context holds. */
    void EVP_CIPHER_CTX_free(@intptr_t long ctx);

    /*
     * EVP_CipherInit_ex is not bound: its sixth argument (enc) arrived wrong through jnr-ffi here (a decrypting
     * context came out encrypting), so each direction has its five-argument init.
     */
    int EVP_EncryptInit_ex(@intptr_t long ctx, @intptr_t long cipher, @intptr_t long engine, @intptr_t long key,
            @intptr_t long iv);

    int EVP_DecryptInit_ex(@intptr_t long ctx, @intptr_t long cipher, @intptr_t long engine, @intptr_t long key,
            @intptr_t long iv);

    int EVP_CipherUpdate(@intptr_t long ctx, @intptr_t long out, @intptr_t long outl, @intptr_t long in, int inl);

    int EVP_CipherFinal_ex(@intptr_t long ctx, @intptr_t long out, @intptr_t long outl);

    int EVP_CIPHER_CTX_ctrl(@intptr_t long ctx, int type, int arg, @intptr_t long ptr);

    int EVP_CIPHER_CTX_set_padding(@intptr_t long ctx, int padding);

    /** HMAC_CTX is deprecated in OpenSSL 3 but exported, and the simplest context that keeps its key across init. */
    @intptr_t
    long HMAC_CTX_new();

    void HMAC_CTX_free(@intptr_t long ctx);

    int HMAC_Init_ex(@intptr_t long ctx, @intptr_t long key, int keyLength, @intptr_t long md,
            @intptr_t long engine);

    int HMAC_Update(@intptr_t long ctx, @intptr_t long data, @size_t long length);

    int HMAC_Final(@intptr_t long ctx, @intptr_t long md, @intptr_t long length);

    @intptr_t
    long EVP_sha256();

    @intptr_t
    long EVP_sha384();

    @intptr_t
    long EVP_sha512();

    /** Constant-time comparison (0 when equal). */
    int CRYPTO_memcmp(@intptr_t long a, @intptr_t long b, @size_t long length);

    /** Fills {@code length} bytes with output of OpenSSL's CSPRNG (1 on success). */
    int RAND_bytes(@intptr_t long buf, int length);

    /** Failed tag checks may leave entries on the thread's error queue; they are dropped, not logged. */
    void ERR_clear_error();
}
