package org.jswan.nativeio.crypto;

import jnr.ffi.types.intptr_t;

/**
 * ipsec-mb's AES-GCM for one key size on one code path (its symbols are named by both, e.g.
 * {@code aes_gcm_enc_128_update_vaes_avx512}; {@link LibIpsecMbLoader} binds these methods to them). A packet takes
 * three calls of at most five arguments, so a call allocates nothing on the Java heap: init (12-byte nonce and AAD),
 * update (data in place), finalize (tag). The calls return nothing and cannot fail on valid pointers.
 */
public interface IpsecMbGcm {
    /** Expands {@code key} into the key data block (1008 bytes in 1.3; 64-byte aligned, with room for more, here). */
    void pre(@intptr_t long key, @intptr_t long keyData);

    void init(@intptr_t long keyData, @intptr_t long context, @intptr_t long nonce, @intptr_t long aad, long aadLength);

    void encUpdate(@intptr_t long keyData, @intptr_t long context, @intptr_t long out, @intptr_t long in, long length);

    void encFinalize(@intptr_t long keyData, @intptr_t long context, @intptr_t long tag, long tagLength);

    void decUpdate(@intptr_t long keyData, @intptr_t long context, @intptr_t long out, @intptr_t long in, long length);

    /** Writes the tag computed over the ciphertext; the caller compares it with the received one. */
    void decFinalize(@intptr_t long keyData, @intptr_t long context, @intptr_t long tag, long tagLength);
}
