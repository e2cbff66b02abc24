package org.jswan.esp.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ENCR_AES_CBC (RFC 3602, random 16-byte IV) with AUTH_HMAC_SHA2_256_128 / 384_192 / 512_256 (RFC 4868, ICV = the
 * leftmost half of the HMAC). The ICV covers SPI .. end of ciphertext; with ESN the high 32 bits of the sequence
 * number are appended for the ICV computation only (RFC 4303 §2.2.1, §3.3.2.1). Encrypt-then-MAC; inbound verifies
 * the ICV before it decrypts.
 */
final class AesCbcHmacTransform implements EspTransform, KnownAnswerSeal {
    private static final int IV_LENGTH = 16;
    static final int IVS_PER_DRAW = 256;

    private final Cipher cipher;
    private final Mac mac;
    private final SecretKeySpec encKey;
    private final byte[] encKeyBytes;
    private final byte[] integKeyBytes;
    private final int icvLength;
    private final boolean encrypt;
    private final boolean esn;
    private final SecureRandom random;
    /** Unpredictable IVs drawn ahead (RFC 3602 §2.3); {@link #ivNext} is the next unused one. */
    private final byte[] ivPool;
    private int ivNext;
    private final byte[] digest;
    private final byte[] seqHigh = new byte[4];
    private final Scratch scratch = new Scratch();

    /**
     * @param macAlgorithm JCA name ({@code HmacSHA256}, {@code HmacSHA384}, {@code HmacSHA512}), or null for no
     *                     integrity (only for the RFC 3602 packet vectors; never offered by the factory)
     */
    AesCbcHmacTransform(final byte[] encKey, final String macAlgorithm, final byte[] integKey, final boolean encrypt,
            final boolean esn, final SecureRandom random) {
        this(encKey, macAlgorithm, integKey, encrypt, esn, random, 1);
    }

    private AesCbcHmacTransform(final byte[] encKey, final String macAlgorithm, final byte[] integKey,
            final boolean encrypt, final boolean esn, final SecureRandom random, final int ivsPerDraw) {
        this.ivPool = new byte[IV_LENGTH * ivsPerDraw];
        this.ivNext = ivPool.length;
        if (encKey.length != 16 && encKey.length != 24 && encKey.length != 32) {
            throw new EspCryptoException("AES-CBC key must be 16, 24 or 32 bytes");
        }
        this.encKeyBytes = encKey.clone();
        this.encKey = new SecretKeySpec(encKeyBytes, "AES");
        this.encrypt = encrypt;
        this.esn = esn;
        this.random = random;
        try {
            this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
            // Once: zero IV, the packet's IV is applied to the first block (see the class comment).
            this.cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, this.encKey,
                    new IvParameterSpec(new byte[IV_LENGTH]));
            if (macAlgorithm == null) {
                this.mac = null;
                this.integKeyBytes = new byte[0];
                this.icvLength = 0;
                this.digest = new byte[0];
            } else {
                this.mac = Mac.getInstance(macAlgorithm);
                this.integKeyBytes = integKey.clone();
                this.mac.init(new SecretKeySpec(integKeyBytes, macAlgorithm));
                // RFC 4868 §2.1: key length = output length of the hash; ICV = half of it.
                if (integKey.length != mac.getMacLength()) {
                    throw new EspCryptoException(macAlgorithm + " key must be " + mac.getMacLength() + " bytes");
                }
                this.icvLength = mac.getMacLength() / 2;
                this.digest = new byte[mac.getMacLength()];
            }
        } catch (GeneralSecurityException e) {
            throw new EspCryptoException("AES-CBC/" + macAlgorithm + " not available", e);
        }
    }

    AesCbcHmacTransform(final byte[] encKey, final String macAlgorithm, final byte[] integKey,
            final boolean encrypt, final boolean esn) {
        this(encKey, requireMac(macAlgorithm), integKey, encrypt, esn, new SecureRandom(), IVS_PER_DRAW);
    }

    private static String requireMac(final String macAlgorithm) {
        if (macAlgorithm == null) {
            throw new EspCryptoException("AES-CBC needs an integrity algorithm");
        }
        return macAlgorithm;
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
        if (ivNext == ivPool.length) {
            random.nextBytes(ivPool);
            ivNext = 0;
        }
        buf.put(espOff + 8, ivPool, ivNext, IV_LENGTH);
        Arrays.fill(ivPool, ivNext, ivNext + IV_LENGTH, (byte) 0); // a used IV is public, a drawn one is not yet
        ivNext += IV_LENGTH;
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
        int ptOff = espOff + 8 + IV_LENGTH;
        int espLen = 8 + IV_LENGTH + plaintextLength;
        try {
            // Ciphertext lands in the second half, then the ESP header + IV + ciphertext are contiguous there.
            byte[] work = scratch.get(2 * espLen);
            buf.get(espOff, work, 0, espLen);
            for (int i = 0; i < IV_LENGTH; i++) {
                work[8 + IV_LENGTH + i] ^= work[8 + i]; // P1 xor IV, then CBC from a zero IV
            }
            System.arraycopy(work, 0, work, espLen, 8 + IV_LENGTH);
            cipher.doFinal(work, 8 + IV_LENGTH, plaintextLength, work, espLen + 8 + IV_LENGTH);
            buf.put(ptOff, work, espLen + 8 + IV_LENGTH, plaintextLength);
            if (mac != null) {
                computeIcv(work, espLen, espLen, seq);
                buf.put(ptOff + plaintextLength, digest, 0, icvLength);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("CBC seal failed", e);
        }
        return 8 + IV_LENGTH + plaintextLength + icvLength;
    }

    @Override
    public int open(final ByteBuffer buf, final int espOff, final int espLength, final long seq) {
        if (encrypt) {
            throw new IllegalStateException("outbound transform");
        }
        int ctLength = espLength - 8 - IV_LENGTH - icvLength;
        if (ctLength <= 0 || ctLength % IV_LENGTH != 0) {
            return -1;
        }
        int ctOff = espOff + 8 + IV_LENGTH;
        try {
            byte[] work = scratch.get(2 * espLength);
            buf.get(espOff, work, 0, espLength);
            if (mac != null) {
                computeIcv(work, 0, 8 + IV_LENGTH + ctLength, seq);
                // Constant time over the truncated ICV (RFC 4868 §2.2: compare the leftmost bits).
                int diff = 0;
                for (int i = 0; i < icvLength; i++) {
                    diff |= digest[i] ^ work[8 + IV_LENGTH + ctLength + i];
                }
                if (diff != 0) {
                    return -1;
                }
            }
            int n = cipher.doFinal(work, 8 + IV_LENGTH, ctLength, work, espLength);
            for (int i = 0; i < IV_LENGTH; i++) {
                work[espLength + i] ^= work[8 + i]; // decrypted from a zero IV: apply the packet's IV
            }
            buf.put(ctOff, work, espLength, n);
            return n;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    private void computeIcv(final byte[] esp, final int off, final int length, final long seq)
            throws GeneralSecurityException {
        mac.update(esp, off, length);
        if (esn) {
            // RFC 4303 §2.2.1: the high-order 32 bits are appended for the ICV only, never sent.
            int hi = (int) (seq >>> 32);
            seqHigh[0] = (byte) (hi >>> 24);
            seqHigh[1] = (byte) (hi >>> 16);
            seqHigh[2] = (byte) (hi >>> 8);
            seqHigh[3] = (byte) hi;
            mac.update(seqHigh);
        }
        mac.doFinal(digest, 0);
    }

    @Override
    public void destroy() {
        // Overwrite the expanded key state with zero keys (SecretKeySpec's own copies wait for the GC).
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[encKeyBytes.length], "AES"),
                    new IvParameterSpec(new byte[IV_LENGTH]));
            if (mac != null) {
                mac.init(new SecretKeySpec(new byte[integKeyBytes.length], mac.getAlgorithm()));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // best effort
        }
        Arrays.fill(encKeyBytes, (byte) 0);
        Arrays.fill(integKeyBytes, (byte) 0);
        Arrays.fill(digest, (byte) 0);
        Arrays.fill(ivPool, (byte) 0);
        scratch.wipe();
    }

    @Override
    public String toString() {
        return "AesCbcHmacTransform[" + (encrypt ? "out" : "in") + ", icv=" + icvLength + (esn ? ", esn" : "")
                + ", keys=<redacted>]";
    }
}
