package org.jswan.nativeio.crypto;

import java.nio.ByteBuffer;

/**
 * One direction of an AEAD key (AES-GCM, ChaCha20-Poly1305) in an OpenSSL EVP_CIPHER_CTX: the key is set once, each
 * packet sets only its nonce, so a call allocates nothing. Five libcrypto calls per packet.
 */
public final class EvpAead extends EvpContext implements InPlaceAead {
    private static final int OUT_LENGTH = 32;

    private final long cipher;
    private final long ctx;
    private final AeadStep step = this::crypt;

    /**
     * @param algorithm OpenSSL's name: "AES-128-GCM", "AES-192-GCM", "AES-256-GCM" or "ChaCha20-Poly1305"
     */
    public EvpAead(final String algorithm, final byte[] key, final boolean encrypt) {
        super(48, encrypt);
        this.cipher = fetch(algorithm, key);
        this.ctx = lib.EVP_CIPHER_CTX_new();
        own(new NativeHandles(lib, cipher, ctx, 0, params));
        boolean ok = ctx != 0;
        if (ok) {
            boolean[] keyed = {false};
            withKey(key, (address, length) -> keyed[0] = cipherInit(ctx, cipher, address, 0));
            ok = keyed[0];
        }
        if (!ok) {
            lib.ERR_clear_error();
            release();
            throw new IllegalArgumentException("OpenSSL rejected the " + algorithm + " key");
        }
    }

    @Override
    public String library() {
        return "OpenSSL";
    }

    @Override
    public boolean seal(final ByteBuffer buf, final int off, final int length, final int aadLength) {
        return aead(buf, off, length, aadLength, true, step);
    }

    @Override
    public boolean open(final ByteBuffer buf, final int off, final int length, final int aadLength) {
        return aead(buf, off, length, aadLength, false, step);
    }

    /** Nonce, AAD, data in place, then the tag: written after the data, or set and checked by the final call. */
    private boolean crypt(final long data, final int length, final int aadLength) {
        long outl = paramsAddress + OUT_LENGTH;
        boolean ok = cipherInit(ctx, 0, 0, paramsAddress + NONCE)
                && lib.EVP_CipherUpdate(ctx, 0, outl, paramsAddress + AAD, aadLength) == 1
                && (length == 0 || lib.EVP_CipherUpdate(ctx, data, outl, data, length) == 1);
        if (ok && encrypt) {
            ok = lib.EVP_CipherFinal_ex(ctx, data + length, outl) == 1
                    && lib.EVP_CIPHER_CTX_ctrl(ctx, LibCrypto.EVP_CTRL_AEAD_GET_TAG, TAG_LENGTH, data + length) == 1;
        } else if (ok) {
            ok = lib.EVP_CIPHER_CTX_ctrl(ctx, LibCrypto.EVP_CTRL_AEAD_SET_TAG, TAG_LENGTH, data + length) == 1
                    && lib.EVP_CipherFinal_ex(ctx, data + length, outl) == 1;
        }
        if (!ok) {
            lib.ERR_clear_error();
        }
        return ok;
    }
}
