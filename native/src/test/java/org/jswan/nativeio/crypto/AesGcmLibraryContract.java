package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every in-place AES-GCM library (GnuTLS's, ipsec-mb's) must show, each in its subclass: it seals byte for byte
 * as OpenSSL does and opens what OpenSSL sealed, in both directions, and follows the same life and bounds rules as
 * the OpenSSL contexts: a tampered packet never opens, a close during a call is safe, no region outside the buffer
 * and no negative length reaches the library.
 */
abstract class AesGcmLibraryContract {
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 63, 64, 255, 1400, 1433, 2000};

    /** One direction of {@code key} in the library under test. */
    abstract InPlaceAead create(byte[] key, boolean encrypt);

    /** Where the library's context keeps the tag it computes when opening, in its parameter block. */
    abstract int computedTagOffset();

    @BeforeAll
    static void openSsl() {
        assertTrue(EvpContext.available(), EvpContext.unavailableReason());
    }

    @Test
    void sealsExactlyAsOpenSslAndOpensWhatOpenSslSealed() {
        Random random = new Random(4106);
        for (int keyLength : new int[] {16, 24, 32}) {
            for (int length : LENGTHS) {
                for (int aadLength : new int[] {8, 12}) {
                    for (boolean direct : new boolean[] {true, false}) {
                        byte[] key = randomBytes(random, keyLength);
                        byte[] nonce = randomBytes(random, 12);
                        byte[] aad = randomBytes(random, aadLength);
                        byte[] plain = randomBytes(random, length);
                        String what = "AES-" + keyLength * 8 + "-GCM, " + length + " bytes, AAD " + aadLength
                                + (direct ? ", direct" : ", heap");
                        try (InPlaceAead libSeal = create(key, true);
                                InPlaceAead libOpen = create(key, false);
                                EvpAead sslSeal = new EvpAead("AES-" + keyLength * 8 + "-GCM", key, true);
                                EvpAead sslOpen = new EvpAead("AES-" + keyLength * 8 + "-GCM", key, false)) {
                            ByteBuffer byLib = packet(direct, plain);
                            ByteBuffer bySsl = packet(direct, plain);
                            assertTrue(libSeal.seal(byLib, 7, length, prepare(libSeal, nonce, aad)), what);
                            assertTrue(sslSeal.seal(bySsl, 7, length, prepare(sslSeal, nonce, aad)), what);
                            assertEquals(bySsl.clear(), byLib.clear(), "ciphertext and tag: " + what);
                            assertTrue(libOpen.open(bySsl, 7, length, prepare(libOpen, nonce, aad)), what);
                            assertTrue(sslOpen.open(byLib, 7, length, prepare(sslOpen, nonce, aad)), what);
                            assertEquals(ByteBuffer.wrap(plain), bySsl.slice(7, length), "opened by the library: " + what);
                            assertEquals(ByteBuffer.wrap(plain), byLib.slice(7, length),
                                    "opened by OpenSSL: " + what);
                        }
                    }
                }
            }
        }
    }

    /**
     * The context remembers buffer addresses by identity hash: with far more buffers than it keeps, and each used
     * twice in a shuffled order, every seal must still land in its own buffer (slices of one block, as batch slots
     * are, so a wrong address would overwrite a neighbour).
     */
    @Test
    void manyBuffersEachSealInPlace() {
        byte[] key = new byte[16];
        byte[] nonce = new byte[12];
        byte[] aad = new byte[8];
        int n = 1000;
        int slot = 128;
        ByteBuffer whole = ByteBuffer.allocateDirect(n * slot);
        ByteBuffer[] slots = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            slots[i] = whole.slice(i * slot, slot);
        }
        Random random = new Random(1000);
        try (InPlaceAead seal = create(key, true); EvpAead reference = new EvpAead("AES-128-GCM", key,
                true)) {
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < n; k++) {
                    int i = random.nextInt(n);
                    byte[] plain = randomBytes(random, 64);
                    slots[i].put(0, plain);
                    ByteBuffer expected = packet(true, plain);
                    assertTrue(reference.seal(expected, 7, 64, prepare(reference, nonce, aad)));
                    assertTrue(seal.seal(slots[i], 0, 64, prepare(seal, nonce, aad)));
                    assertEquals(expected.slice(7, 80), slots[i].slice(0, 80), "slot " + i);
                }
            }
        }
    }

    /** RFC 4106 §9 rests on the tag: any changed byte of ciphertext, tag, AAD or nonce must fail the open. */
    @Test
    void anyChangedByteFailsTheOpen() {
        byte[] key = new byte[16];
        key[3] = 9;
        byte[] nonce = new byte[12];
        byte[] aad = {1, 2, 3, 4, 0, 0, 0, 5};
        int length = 1400;
        InPlaceAead seal = create(key, true);
        InPlaceAead open = create(key, false);
        ByteBuffer sealed = packet(true, new byte[length]);
        assertTrue(seal.seal(sealed, 7, length, prepare(seal, nonce, aad)));
        ByteBuffer p = ByteBuffer.allocateDirect(sealed.capacity());
        for (int i = 7; i < 7 + length + InPlaceAead.TAG_LENGTH; i++) {
            p.put(0, sealed, 0, sealed.capacity());
            p.put(i, (byte) (p.get(i) ^ (1 << (i & 7))));
            assertFalse(open.open(p, 7, length, prepare(open, nonce, aad)), "byte " + i + " changed");
        }
        for (int i = 0; i < aad.length; i++) {
            byte[] changed = aad.clone();
            changed[i] ^= 1;
            assertFalse(open.open(copy(sealed), 7, length, prepare(open, nonce, changed)), "AAD byte " + i);
        }
        for (int i = 0; i < nonce.length; i++) {
            byte[] changed = nonce.clone();
            changed[i] ^= (byte) 0x80;
            assertFalse(open.open(copy(sealed), 7, length, prepare(open, changed, aad)), "nonce byte " + i);
        }
        assertFalse(open.open(copy(sealed), 7, length, prepare(open, nonce, new byte[12])), "AAD length");
        assertEquals(0, open.parameters().getLong(computedTagOffset())
                | open.parameters().getLong(computedTagOffset() + 8),
                "the tag computed for a forged packet is wiped");
        assertTrue(open.open(copy(sealed), 7, length, prepare(open, nonce, aad)), "and the original still opens");
    }

    @Test
    void closingWhileAnotherThreadSealsIsSafe() throws Exception {
        CloseRace.closeWhileSealing(() -> create(new byte[16], true));
    }

    /** The libraries take lengths as size_t: a negative one or a region past the buffer would crash the JVM. */
    @Test
    void badRegionsAndLengthsNeverReachTheLibrary() {
        InPlaceAead seal = create(new byte[32], true);
        InPlaceAead open = create(new byte[32], false);
        ByteBuffer buf = ByteBuffer.allocateDirect(100);
        assertThrows(IndexOutOfBoundsException.class, () -> seal.seal(buf, 0, 85, 8), "tag past the end");
        assertThrows(IndexOutOfBoundsException.class, () -> open.open(buf, 0, 85, 8), "tag past the end");
        assertThrows(IndexOutOfBoundsException.class, () -> seal.seal(buf, -1, 10, 8));
        assertThrows(IllegalArgumentException.class, () -> seal.seal(buf, 0, 10, 17), "AAD longer than its room");
        assertThrows(IllegalArgumentException.class, () -> seal.seal(buf, 0, 10, -1));
        for (int length : new int[] {-1, -16, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 15}) {
            assertThrows(RuntimeException.class, () -> seal.seal(buf, 0, length, 8), "seal length " + length);
            assertThrows(RuntimeException.class, () -> open.open(buf, 0, length, 8), "open length " + length);
        }
        buf.limit(50);
        assertThrows(IndexOutOfBoundsException.class, () -> seal.seal(buf, 0, 40, 8), "past the limit");
        assertThrows(java.nio.ReadOnlyBufferException.class,
                () -> seal.seal(ByteBuffer.allocateDirect(200).asReadOnlyBuffer(), 0, 100, 8));
        assertThrows(IllegalStateException.class, () -> seal.open(buf, 0, 10, 8), "a sealing context");
        assertThrows(IllegalStateException.class, () -> open.seal(buf, 0, 10, 8), "an opening context");
        for (int keyLength : new int[] {0, 15, 20, 33}) {
            assertThrows(IllegalArgumentException.class, () -> create(new byte[keyLength], true));
        }
        assertTrue(seal.seal(buf, 0, 30, 8), "the context still works after all that");
    }

    /** A context nobody closed is freed and wiped when collected: its parameter block (here a marker) is zeroed. */
    @Test
    void aContextDroppedWithoutCloseIsCleanedAfterCollection() throws Exception {
        ByteBuffer params = droppedContextParameters();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (params.getLong(InPlaceAead.NONCE) != 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, params.getLong(InPlaceAead.NONCE), "the Cleaner freed the handle and wiped its parameters");
    }

    private ByteBuffer droppedContextParameters() {
        InPlaceAead aead = create(new byte[16], true);
        aead.parameters().putLong(InPlaceAead.NONCE, 0x5a5a5a5a5a5a5a5aL);
        return aead.parameters();
    }

    static byte[] randomBytes(final Random random, final int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static int prepare(final InPlaceAead aead, final byte[] nonce, final byte[] aad) {
        aead.parameters().put(InPlaceAead.NONCE, nonce);
        aead.parameters().put(InPlaceAead.AAD, aad);
        return aad.length;
    }

    /** The plaintext at offset 7, with room for the tag and a margin either side. */
    private static ByteBuffer packet(final boolean direct, final byte[] plain) {
        int size = 7 + plain.length + InPlaceAead.TAG_LENGTH + 9;
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        b.put(7, plain);
        return b;
    }

    private static ByteBuffer copy(final ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocateDirect(b.capacity());
        c.put(0, b, 0, b.capacity());
        return c;
    }
}
