package org.jswan.esp.crypto;

import java.nio.ByteBuffer;
import org.jswan.nativeio.crypto.EvpCbcHmac;

/**
 * ENCR_AES_CBC (RFC 3602) with HMAC-SHA2 (RFC 4868) on OpenSSL's libcrypto: the rules of {@link AesCbcHmacTransform}
 * (ICV = leftmost half of the HMAC over SPI .. ciphertext, plus the ESN high half when ESN is on, RFC 4303 §2.2.1;
 * inbound verifies before it decrypts), keyed once per SA and run in place, so a packet costs no allocation.
 */
final class EvpCbcHmacTransform implements EspTransform, KnownAnswerSeal {
    private static final int IV_LENGTH = EvpCbcHmac.IV_LENGTH;

    private final EvpCbcHmac cbc;
    private final ByteBuffer params;
    private final int icvLength;
    private final boolean encrypt;
    private final boolean esn;

    /**
     * @param digest OpenSSL's digest name: SHA256, SHA384 or SHA512
     * @param hashLength the digest's output length (RFC 4868 §2.1: also the key length; the ICV is half of it)
     */
    EvpCbcHmacTransform(final byte[] encKey, final String digest, final int hashLength, final byte[] integKey,
            final boolean encrypt, final boolean esn) {
        if (encKey.length != 16 && encKey.length != 24 && encKey.length != 32) {
            throw new EspCryptoException("AES-CBC key must be 16, 24 or 32 bytes");
        }
        if (integKey.length != hashLength) {
            throw new EspCryptoException("HMAC-" + digest + " key must be " + hashLength + " bytes");
        }
        this.icvLength = hashLength / 2;
        try {
            this.cbc = new EvpCbcHmac("AES-" + encKey.length * 8 + "-CBC", encKey, digest, integKey, icvLength,
                    encrypt);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new EspCryptoException("AES-CBC/HMAC-" + digest + " not available: " + e.getMessage(), e);
        }
        this.params = cbc.parameters();
        this.encrypt = encrypt;
        this.esn = esn;
    }

    @Override
    public int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public int icvLength() {
        return icvLength;
    }

    @Override
    public int blockSize() {
        return 16;
    }

    @Override
    public int seal(final ByteBuffer buf, final int espOff, final int plaintextLength, final long seq) {
        // RFC 3602 §2.3: the IV must be unpredictable.
        if (!cbc.randomIv(buf, espOff + 8)) {
            return -1;
        }
        return sealPrepared(buf, espOff, plaintextLength, seq);
    }

    @Override
    public int sealPrepared(final ByteBuffer buf, final int espOff, final int plaintextLength, final long seq) {
        if (!encrypt) {
            throw new IllegalStateException("inbound transform");
        }
        if (plaintextLength % IV_LENGTH != 0) {
            throw new IllegalArgumentException("CBC plaintext not block aligned: " + plaintextLength);
        }
        if (!cbc.seal(buf, espOff, espOff + 8 + IV_LENGTH, plaintextLength, esnHigh(seq))) {
            return -1;
        }
        return 8 + IV_LENGTH + plaintextLength + icvLength;
    }

    @Override
    public int open(final ByteBuffer buf, final int espOff, final int espLength, final long seq) {
        if (encrypt) {
            throw new IllegalStateException("outbound transform");
        }
        int ctLength = espLength - 8 - IV_LENGTH - icvLength;
        if (ctLength <= 0 || ctLength % IV_LENGTH != 0 || espOff < 0 || espOff > buf.limit() - espLength) {
            return -1;
        }
        return cbc.open(buf, espOff, espOff + 8 + IV_LENGTH, ctLength, esnHigh(seq)) ? ctLength : -1;
    }

    /** RFC 4303 §2.2.1: with ESN the high 32 bits are appended for the ICV only, never sent. */
    private int esnHigh(final long seq) {
        if (!esn) {
            return 0;
        }
        params.putInt(EvpCbcHmac.EXTRA, (int) (seq >>> 32));
        return 4;
    }

    @Override
    public void destroy() {
        cbc.close();
    }

    @Override
    public String toString() {
        return "EvpCbcHmacTransform[" + (encrypt ? "out" : "in") + ", icv=" + icvLength + (esn ? ", esn" : "")
                + ", keys=<redacted>]";
    }
}
