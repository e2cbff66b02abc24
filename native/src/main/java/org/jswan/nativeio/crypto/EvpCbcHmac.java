package org.jswan.nativeio.crypto;

import java.nio.ByteBuffer;

/**
 * One direction of an AES-CBC + HMAC-SHA2 key pair (encrypt-then-MAC, as ESP uses them): an EVP_CIPHER_CTX without
 * padding and an HMAC_CTX, both keyed once. Per packet: the IV is read from the packet, the data is en/decrypted in
 * place, and the MAC covers one contiguous region plus up to 8 trailing bytes the caller writes at {@link #EXTRA}
 * of {@link #parameters()} (ESP's ESN high half). Inbound checks the MAC in constant time before it decrypts.
 * Random IVs come from OpenSSL's CSPRNG, drawn 4 KB at a time. One data thread per instance.
 */
public final class EvpCbcHmac extends EvpContext {
    public static final int IV_LENGTH = 16;
    public static final int EXTRA = 0;
    public static final int MAX_EXTRA = 8;
    private static final int OUT_LENGTH = 8;
    private static final int MAC = 16;
    private static final int MAX_MAC = 64;
    private static final int IV_POOL = MAC + MAX_MAC;
    private static final int IV_POOL_LENGTH = 4096;

    private final long cipher;
    private final long ctx;
    private final long hmac;
    private final int icvLength;
    private int ivNext = IV_POOL_LENGTH;

    /**
     * @param algorithm "AES-128-CBC", "AES-192-CBC" or "AES-256-CBC"
     * @param digest "SHA256", "SHA384" or "SHA512"
     * @param icvLength bytes of the MAC sent (the leftmost ones)
     */
    public EvpCbcHmac(final String algorithm, final byte[] encKey, final String digest, final byte[] integKey,
            final int icvLength, final boolean encrypt) {
        super(IV_POOL + IV_POOL_LENGTH, encrypt);
        this.icvLength = icvLength;
        long md;
        int macLength;
        switch (digest) {
            case "SHA256":
                md = lib.EVP_sha256();
                macLength = 32;
                break;
            case "SHA384":
                md = lib.EVP_sha384();
                macLength = 48;
                break;
            case "SHA512":
                md = lib.EVP_sha512();
                macLength = 64;
                break;
            default:
                throw new IllegalArgumentException("unsupported digest " + digest);
        }
        if (icvLength <= 0 || icvLength > macLength) {
            throw new IllegalArgumentException("ICV length " + icvLength + " for HMAC-" + digest);
        }
        this.cipher = fetch(algorithm, encKey);
        this.ctx = lib.EVP_CIPHER_CTX_new();
        this.hmac = lib.HMAC_CTX_new();
        own(new NativeHandles(lib, cipher, ctx, hmac, params));
        boolean[] ok = {ctx != 0 && hmac != 0};
        if (ok[0]) {
            withKey(encKey, (address, length) -> ok[0] =
                    cipherInit(ctx, cipher, address, 0)
                            && lib.EVP_CIPHER_CTX_set_padding(ctx, 0) == 1);
        }
        if (ok[0]) {
            withKey(integKey, (address, length) -> ok[0] = lib.HMAC_Init_ex(hmac, address, length, md, 0) == 1);
        }
        if (!ok[0]) {
            lib.ERR_clear_error();
            release();
            throw new IllegalArgumentException("OpenSSL rejected the " + algorithm + "/HMAC-" + digest + " keys");
        }
    }

    /**
     * Writes an unpredictable IV (RFC 3602 §2.3) at {@code buf[off]}.
     *
     * @return false when OpenSSL's CSPRNG failed or the context is closed
     */
    public boolean randomIv(final ByteBuffer buf, final int off) {
        if (off < 0 || off > buf.limit() - IV_LENGTH) {
            throw new IndexOutOfBoundsException("IV at " + off + " outside 0.." + buf.limit());
        }
        if (!enter()) {
            return false;
        }
        try {
            if (ivNext == IV_POOL_LENGTH) {
                if (lib.RAND_bytes(paramsAddress + IV_POOL, IV_POOL_LENGTH) != 1) {
                    lib.ERR_clear_error();
                    return false;
                }
                ivNext = 0;
            }
            int at = IV_POOL + ivNext;
            buf.putLong(off, params.getLong(at));
            buf.putLong(off + 8, params.getLong(at + 8));
            // A drawn IV is secret until it is sent; do not keep it after.
            params.putLong(at, 0);
            params.putLong(at + 8, 0);
            ivNext += IV_LENGTH;
            return true;
        } finally {
            exit();
        }
    }

    /**
     * Encrypts {@code dataLength} bytes at {@code dataOff} in place with the IV in the 16 bytes before them, then
     * writes the ICV after them: the MAC of {@code buf[authOff .. dataOff + dataLength)} followed by
     * {@code extraLength} bytes of the parameter block.
     */
    public boolean seal(final ByteBuffer buf, final int authOff, final int dataOff, final int dataLength,
            final int extraLength) {
        requireDirection(true);
        return run(buf, authOff, dataOff, dataLength, extraLength);
    }

    /** Checks the ICV after the data (see {@link #seal}) in constant time, then decrypts the data in place. */
    public boolean open(final ByteBuffer buf, final int authOff, final int dataOff, final int dataLength,
            final int extraLength) {
        requireDirection(false);
        return run(buf, authOff, dataOff, dataLength, extraLength);
    }

    /** Encrypt-then-MAC or verify-then-decrypt, whichever way this context runs. */
    private boolean run(final ByteBuffer buf, final int authOff, final int dataOff, final int dataLength,
            final int extraLength) {
        int span = check(authOff, dataOff, dataLength, extraLength);
        long auth = address(buf, authOff, span + icvLength);
        long data = auth + (dataOff - authOff);
        if (!enter()) {
            return false;
        }
        boolean ok;
        try {
            if (encrypt) {
                ok = crypt(data, dataLength) && mac(auth, span, extraLength);
                if (ok) {
                    // Inside enter/exit: a close after exit() wipes the MAC, and the packet would leave with zeros.
                    MEMORY.copyMemory(paramsAddress + MAC, auth + span, icvLength);
                }
            } else {
                ok = mac(auth, span, extraLength)
                        && lib.CRYPTO_memcmp(paramsAddress + MAC, auth + span, icvLength) == 0
                        && crypt(data, dataLength);
            }
            if (ok) {
                unstage(buf, authOff, encrypt ? span + icvLength : span);
            }
        } finally {
            exit();
        }
        return ok;
    }

    /** The MAC'd span; every length is checked in long, since OpenSSL would read a negative one as huge. */
    private int check(final int authOff, final int dataOff, final int dataLength, final int extraLength) {
        long span = (long) dataOff - authOff + dataLength;
        if (authOff < 0 || dataLength < 0 || (long) dataOff - authOff < IV_LENGTH || dataLength % IV_LENGTH != 0
                || extraLength < 0 || extraLength > MAX_EXTRA || span + icvLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad CBC+HMAC region " + authOff + "/" + dataOff + "/" + dataLength);
        }
        return (int) span;
    }

    private boolean crypt(final long data, final int length) {
        long outl = paramsAddress + OUT_LENGTH;
        boolean ok = cipherInit(ctx, 0, 0, data - IV_LENGTH)
                && (length == 0 || lib.EVP_CipherUpdate(ctx, data, outl, data, length) == 1)
                && lib.EVP_CipherFinal_ex(ctx, data + length, outl) == 1;
        if (!ok) {
            lib.ERR_clear_error();
        }
        return ok;
    }

    private boolean mac(final long auth, final int length, final int extraLength) {
        boolean ok = lib.HMAC_Init_ex(hmac, 0, 0, 0, 0) == 1
                && lib.HMAC_Update(hmac, auth, length) == 1
                && (extraLength == 0 || lib.HMAC_Update(hmac, paramsAddress + EXTRA, extraLength) == 1)
                && lib.HMAC_Final(hmac, paramsAddress + MAC, paramsAddress + OUT_LENGTH) == 1;
        if (!ok) {
            lib.ERR_clear_error();
        }
        return ok;
    }
}
