package org.jswan.nativeio.crypto;

import java.nio.ByteBuffer;

/**
 * The native objects of one context and its parameter block, freed and wiped exactly once: by close(), or by the
 * Cleaner if the context is dropped without it. Holds no reference to the context itself, or the Cleaner could never
 * run. Zero for an object not allocated.
 */
final class NativeHandles implements Runnable {
    private final LibCrypto lib;
    private final long cipher;
    private final long ctx;
    private final long hmac;
    private final ByteBuffer params;

    NativeHandles(final LibCrypto lib, final long cipher, final long ctx, final long hmac, final ByteBuffer params) {
        this.lib = lib;
        this.cipher = cipher;
        this.ctx = ctx;
        this.hmac = hmac;
        this.params = params;
    }

    @Override
    public void run() {
        // The *_free calls cleanse the key schedules; the parameter block may hold a salt or drawn IVs.
        if (ctx != 0) {
            lib.EVP_CIPHER_CTX_free(ctx);
        }
        if (hmac != 0) {
            lib.HMAC_CTX_free(hmac);
        }
        if (cipher != 0) {
            lib.EVP_CIPHER_free(cipher);
        }
        NativeCipherContext.wipe(params);
    }
}
