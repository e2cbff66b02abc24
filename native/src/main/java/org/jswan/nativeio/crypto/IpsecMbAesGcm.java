package org.jswan.nativeio.crypto;

import java.nio.ByteBuffer;

/**
 * One direction of an AES-GCM key in Intel's ipsec-mb library, the AES-GCM that DPDK's IPsec uses. On CPUs with VAES
 * and VPCLMULQDQ it seals a 1400-byte packet in about a third of GnuTLS's time (measured here: 0.13 against 0.41 us)
 * and is no slower than GnuTLS on the older code paths. The key data (round keys and GHASH powers) and the per-call
 * context live in this context's own parameter block, so a packet is three calls and no allocation: nonce and AAD,
 * data in place, tag. Opening compares the tag in constant time after decrypting (when it fails the region holds
 * unauthenticated plaintext: the caller drops the packet).
 */
public final class IpsecMbAesGcm extends NativeCipherContext implements InPlaceAead {
    private static final int TAG = 32;
    /** struct gcm_context_data: 88 bytes. */
    private static final int CONTEXT = 64;
    /**
     * struct gcm_key_data, placed at the first 64-byte boundary at or after this offset: 1008 bytes in the 1.x builds
     * measured here, room for 2288 (the header's GCM_BIG_DATA layout), and a canary after it that the self test
     * checks, so a build with a larger layout is refused instead of writing past the block.
     */
    private static final int KEY_DATA_FROM = 160;
    private static final int KEY_DATA_ROOM = 2304;
    private static final int CANARY_LENGTH = 8;
    private static final long CANARY = 0x6a7377616e2d6d62L;
    private static final int PARAMS_SIZE = KEY_DATA_FROM + 64 + KEY_DATA_ROOM + CANARY_LENGTH;

    private final IpsecMbGcm gcm;
    private final long keyData;
    private final long context;
    private final AeadStep step = this::crypt;

    /** @param key 16, 24 or 32 bytes */
    public IpsecMbAesGcm(final byte[] key, final boolean encrypt) {
        this(key, encrypt, LibIpsecMbLoader.GCM);
    }

    /** On a given code path: {@code byKeySize} holds its bindings for 128, 192 and 256-bit keys (tests). */
    IpsecMbAesGcm(final byte[] key, final boolean encrypt, final IpsecMbGcm[] byKeySize) {
        super(PARAMS_SIZE, encrypt);
        if (byKeySize == null) {
            throw new IllegalStateException("ipsec-mb is not available: " + LibIpsecMbLoader.FAILURE);
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES-GCM takes a 16, 24 or 32-byte key, got " + key.length);
        }
        this.gcm = byKeySize[(key.length - 16) / 8];
        this.context = paramsAddress + CONTEXT;
        this.keyData = (paramsAddress + KEY_DATA_FROM + 63) & ~63L; // the AVX-512 code loads whole cache lines
        own(new Wipe(params));
        MEMORY.putLong(keyData + KEY_DATA_ROOM, CANARY);
        try {
            withKey(key, (address, length) -> gcm.pre(address, keyData));
        } catch (RuntimeException | LinkageError e) {
            release(); // no half-written key schedule waits for the Cleaner
            throw new IllegalStateException("ipsec-mb could not expand the AES-GCM key: " + e, e);
        }
    }

    /** False if the library wrote past the room kept for its key data (a layout this class does not know). */
    boolean canaryIntact() {
        return MEMORY.getLong(keyData + KEY_DATA_ROOM) == CANARY;
    }

    @Override
    public String library() {
        return "ipsec-mb";
    }

    @Override
    public boolean seal(final ByteBuffer buf, final int off, final int length, final int aadLength) {
        return aead(buf, off, length, aadLength, true, step);
    }

    @Override
    public boolean open(final ByteBuffer buf, final int off, final int length, final int aadLength) {
        return aead(buf, off, length, aadLength, false, step);
    }

    /** Three calls: nonce and AAD, data in place, tag (written after the data, or computed and compared). */
    private boolean crypt(final long data, final int length, final int aadLength) {
        gcm.init(keyData, context, paramsAddress + NONCE, paramsAddress + AAD, aadLength);
        if (encrypt) {
            if (length > 0) {
                gcm.encUpdate(keyData, context, data, data, length);
            }
            gcm.encFinalize(keyData, context, data + length, TAG_LENGTH);
            return true;
        }
        if (length > 0) {
            gcm.decUpdate(keyData, context, data, data, length);
        }
        // The complement of the received tag, in case a build's parameter checks return without writing one.
        MEMORY.putLong(paramsAddress + TAG, ~MEMORY.getLong(data + length));
        MEMORY.putLong(paramsAddress + TAG + 8, ~MEMORY.getLong(data + length + 8));
        gcm.decFinalize(keyData, context, paramsAddress + TAG, TAG_LENGTH);
        boolean ok = tagsMatch(data + length, paramsAddress + TAG);
        forgetTag(paramsAddress + TAG);
        return ok;
    }

    /** True when ipsec-mb is loaded, has an AES-GCM code path for this CPU, and gave the known answers. */
    public static boolean available() {
        return SelfTest.FAILURE == null;
    }

    /** Why {@link #available()} is false, or null. */
    public static String unavailableReason() {
        return SelfTest.FAILURE;
    }

    /** e.g. "ipsec-mb 1.3.0 (vaes_avx512)": the library's version and the code path it runs here, or null. */
    public static String version() {
        LibIpsecMb lib = LibIpsecMbLoader.LIB;
        return lib == null ? null : "ipsec-mb " + lib.imb_get_version_str() + " (" + LibIpsecMbLoader.PATH + ")";
    }

    /**
     * Once, on first use: the key data of every key size stays inside its room (checked first, before any packet),
     * and {@link AesGcmKnownAnswers}.
     */
    private static final class SelfTest {
        static final String FAILURE = run();

        private static String run() {
            if (LibIpsecMbLoader.GCM == null) {
                return LibIpsecMbLoader.FAILURE;
            }
            try {
                for (int keyLength = 16; keyLength <= 32; keyLength += 8) {
                    try (IpsecMbAesGcm aead = new IpsecMbAesGcm(new byte[keyLength], true)) {
                        if (!aead.canaryIntact()) {
                            return "ipsec-mb " + LibIpsecMbLoader.LIB.imb_get_version_str() + " keeps more AES-GCM "
                                    + "key data than jswan knows of";
                        }
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                return "ipsec-mb's AES-GCM cannot be keyed: " + e;
            }
            return AesGcmKnownAnswers.check("ipsec-mb", IpsecMbAesGcm::new);
        }
    }

    /** Wipes the parameter block, which holds the round keys, exactly once. */
    private static final class Wipe implements Runnable {
        private final ByteBuffer params;

        Wipe(final ByteBuffer params) {
            this.params = params;
        }

        @Override
        public void run() {
            wipe(params);
        }
    }
}
