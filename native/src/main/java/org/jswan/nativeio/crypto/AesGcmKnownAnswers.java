package org.jswan.nativeio.crypto;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Known answers an AES-GCM library must give before the data plane trusts it: Test Cases 2, 8 and 14 of McGrew and
 * Viega's GCM specification (zero key, nonce and block, for 128, 192 and 256-bit keys: every key size the data plane
 * keys, so every entry point of the library is called once), and a full-size packet with 8 bytes of AAD (the
 * multi-block code real packets run; answer computed with OpenSSL 3.0's EVP interface), sealed, opened, and refused
 * once a bit of it is changed. A build that computes something else, or cannot be called, is not used.
 */
final class AesGcmKnownAnswers {
    /** Ciphertext and tag of one zero block under a zero key and nonce, for 16, 24 and 32-byte keys. */
    private static final String[] SPEC_CASES_2_8_14 = {
        "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf",
        "98e7247c07f0fe411c267e4384b0f6002ff58d80033927ab8ef4d4587514f0fb",
        "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"};
    /** Key 00..0f, nonce a0..ab, AAD 10..17, plaintext byte i = 7i: first block, last block, tag. */
    private static final String FULL_SIZE = "aa8136ae62aa193bb247f34d1249d209" + "51db23bf39b259c95ff0f6a562d5ef26"
            + "2da618079b21b373365fee7dd37ea183";
    private static final int FULL_LENGTH = 1400;
    private static final int TAG_LENGTH = InPlaceAead.TAG_LENGTH;

    /** One direction of a key in the library under test. */
    @FunctionalInterface
    interface Keyed {
        InPlaceAead create(byte[] key, boolean encrypt);
    }

    private AesGcmKnownAnswers() {
    }

    /** Null when {@code library}'s AES-GCM gives every answer, else what went wrong. */
    static String check(final String library, final Keyed keyed) {
        try {
            for (int k = 0; k < 3; k++) {
                byte[] zeroKey = new byte[16 + 8 * k];
                ByteBuffer block = ByteBuffer.allocateDirect(32);
                if (!answers(keyed, zeroKey, new byte[12], new byte[0], block, 16, SPEC_CASES_2_8_14[k])) {
                    return library + "'s AES-" + (128 + 64 * k) + "-GCM did not give the GCM specification's known "
                            + "answer";
                }
            }
            byte[] key = new byte[16];
            byte[] nonce = new byte[12];
            byte[] aad = new byte[8];
            for (int i = 0; i < 16; i++) {
                key[i] = (byte) i;
            }
            for (int i = 0; i < 12; i++) {
                nonce[i] = (byte) (0xa0 + i);
            }
            for (int i = 0; i < 8; i++) {
                aad[i] = (byte) (0x10 + i);
            }
            ByteBuffer packet = ByteBuffer.allocateDirect(FULL_LENGTH + TAG_LENGTH);
            for (int i = 0; i < FULL_LENGTH; i++) {
                packet.put(i, (byte) (7 * i));
            }
            if (!answers(keyed, key, nonce, aad, packet, FULL_LENGTH, FULL_SIZE)) {
                return library + "'s AES-GCM did not give the known answer for a full-size packet";
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return library + "'s AES-GCM failed its known-answer test: " + e;
        }
    }

    /**
     * Seals {@code length} bytes of {@code data} and compares its first block, last block and tag with
     * {@code expected}; then a changed bit must fail the open and the original must open to the plaintext.
     */
    private static boolean answers(final Keyed keyed, final byte[] key, final byte[] nonce, final byte[] aad,
            final ByteBuffer data, final int length, final String expected) {
        byte[] want = HexFormat.of().parseHex(expected);
        ByteBuffer plain = ByteBuffer.allocate(length).put(0, data, 0, length);
        try (InPlaceAead seal = keyed.create(key, true); InPlaceAead open = keyed.create(key, false)) {
            seal.parameters().put(InPlaceAead.NONCE, nonce).put(InPlaceAead.AAD, aad);
            open.parameters().put(InPlaceAead.NONCE, nonce).put(InPlaceAead.AAD, aad);
            if (!seal.seal(data, 0, length, aad.length)
                    || !data.slice(0, 16).equals(ByteBuffer.wrap(want, 0, 16))
                    || !data.slice(length - 16, 32).equals(ByteBuffer.wrap(want, want.length - 32, 32))) {
                return false;
            }
            ByteBuffer changed = ByteBuffer.allocateDirect(length + TAG_LENGTH).put(0, data, 0, length + TAG_LENGTH);
            changed.put(length / 2, (byte) (changed.get(length / 2) ^ 1));
            return !open.open(changed, 0, length, aad.length) && open.open(data, 0, length, aad.length)
                    && data.slice(0, length).equals(plain);
        }
    }
}
