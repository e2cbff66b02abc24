package org.jswan.esp.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;
import org.jswan.nativeio.crypto.InPlaceAead;

/**
 * The combined-mode transforms (RFC 4106 AES-GCM, RFC 7634 ChaCha20-Poly1305) on a native library (OpenSSL's
 * libcrypto, or ipsec-mb or GnuTLS for AES-GCM): the same packet layout and rules as {@link AeadTransform} (nonce =
 * salt || IV, IV = the 64-bit sequence number, AAD = SPI || [seq high ||] seq low), but keyed once per SA and run in
 * place on the packet buffer, so a packet costs no allocation and no copy.
 */
final class NativeAeadTransform implements EspTransform, KnownAnswerSeal {
    private static final int IV_LENGTH = 8;
    private static final int ICV_LENGTH = InPlaceAead.TAG_LENGTH;

    private final InPlaceAead aead;
    private final ByteBuffer params;
    private final boolean encrypt;
    private final boolean esn;
    private final String name;
    /** "OpenSSL", "GnuTLS" or "ipsec-mb": the context's {@link InPlaceAead#library()}. */
    final String library;

    /**
     * @param algorithm the cipher's name, for errors and toString
     * @param keyed makes the library's context from the key (without salt); the key array is wiped afterwards
     * @param keyAndSalt the key followed by the 4-byte salt (RFC 4106 §8.1, RFC 7634 §2)
     */
    NativeAeadTransform(final String algorithm, final Function<byte[], InPlaceAead> keyed,
            final byte[] keyAndSalt, final int keyLength, final boolean encrypt, final boolean esn) {
        if (keyAndSalt.length != keyLength + 4) {
            throw new EspCryptoException(algorithm + " needs " + (keyLength + 4) + " bytes of keymat, got "
                    + keyAndSalt.length);
        }
        byte[] key = Arrays.copyOf(keyAndSalt, keyLength);
        try {
            this.aead = keyed.apply(key);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new EspCryptoException(algorithm + " not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        this.params = aead.parameters();
        for (int i = 0; i < 4; i++) {
            params.put(InPlaceAead.NONCE + i, keyAndSalt[keyLength + i]);
        }
        this.encrypt = encrypt;
        this.esn = esn;
        this.name = algorithm;
        this.library = aead.library();
    }

    @Override
    public int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public int icvLength() {
        return ICV_LENGTH;
    }

    @Override
    public int blockSize() {
        return 4;
    }

    @Override
    public int seal(final ByteBuffer buf, final int espOff, final int plaintextLength, final long seq) {
        // RFC 4106 §3.1 / RFC 7634 §2: the IV is the sequence number, unique under one key by construction.
        putLong(buf, espOff + 8, seq);
        return sealPrepared(buf, espOff, plaintextLength, seq);
    }

    @Override
    public int sealPrepared(final ByteBuffer buf, final int espOff, final int plaintextLength, final long seq) {
        if (!encrypt) {
            throw new IllegalStateException("inbound transform");
        }
        int aadLength = prepare(buf, espOff, seq);
        if (!aead.seal(buf, espOff + 8 + IV_LENGTH, plaintextLength, aadLength)) {
            return -1;
        }
        return 8 + IV_LENGTH + plaintextLength + ICV_LENGTH;
    }

    @Override
    public int open(final ByteBuffer buf, final int espOff, final int espLength, final long seq) {
        if (encrypt) {
            throw new IllegalStateException("outbound transform");
        }
        int ctLength = espLength - 8 - IV_LENGTH - ICV_LENGTH;
        if (ctLength < 0 || espOff < 0 || espOff > buf.limit() - espLength) {
            return -1;
        }
        int aadLength = prepare(buf, espOff, seq);
        return aead.open(buf, espOff + 8 + IV_LENGTH, ctLength, aadLength) ? ctLength : -1;
    }

    /** Writes the nonce's IV half and the AAD (RFC 4106 §5, RFC 7634 §2.1) into the parameter block. */
    private int prepare(final ByteBuffer buf, final int espOff, final long seq) {
        params.putLong(InPlaceAead.NONCE + 4, getLong(buf, espOff + 8));
        params.putInt(InPlaceAead.AAD, getInt(buf, espOff));
        if (esn) {
            params.putLong(InPlaceAead.AAD + 4, seq);
            return 12;
        }
        params.putInt(InPlaceAead.AAD + 4, (int) seq);
        return 8;
    }

    private static long getLong(final ByteBuffer buf, final int off) {
        long v = buf.getLong(off);
        return buf.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    private static int getInt(final ByteBuffer buf, final int off) {
        int v = buf.getInt(off);
        return buf.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private static void putLong(final ByteBuffer buf, final int off, final long v) {
        buf.putLong(off, buf.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v));
    }

    @Override
    public void destroy() {
        aead.close();
    }

    @Override
    public String toString() {
        return "NativeAeadTransform[" + name + " on " + library + ", " + (encrypt ? "out" : "in") + (esn ? ", esn" : "")
                + ", key=<redacted>]";
    }
}
