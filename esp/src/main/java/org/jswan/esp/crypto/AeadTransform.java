package org.jswan.esp.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shared shape of the combined-mode transforms (RFC 4106 AES-GCM, RFC 7634 ChaCha20-Poly1305): nonce = salt(4) ||
 * IV(8), the IV is the 64-bit sequence number (unique by construction), AAD = SPI || seq or SPI || seq-high ||
 * seq-low with ESN (RFC 4106 §5, RFC 7634 §2.1). One JCA {@link Cipher}, re-initialised per packet.
 *
 * <p>The JCA's ByteBuffer paths allocate a temporary array per call for direct buffers (and GCM copies overlapping
 * in-place input), so the packet is copied into a reused array, processed in place there and copied back: the same
 * copies the JDK makes, without the allocation (measured by AllocationTest).
 */
abstract class AeadTransform implements EspTransform, KnownAnswerSeal {
    static final int IV_LENGTH = 8;
    static final int ICV_LENGTH = 16;
    private static final int SALT_LENGTH = 4;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] keyBytes;
    private final boolean encrypt;
    private final boolean esn;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[12];
    private final Scratch scratch = new Scratch();
    /** Output region after the input instead of in place; measured: neither JDK 17 nor 25 needs it today. */
    private final boolean disjoint;

    AeadTransform(final String transformation, final String keyAlg, final byte[] keyAndSalt, final int keyLength,
            final boolean encrypt, final boolean esn, final boolean disjoint) {
        this.disjoint = disjoint;
        if (keyAndSalt.length != keyLength + SALT_LENGTH) {
            throw new EspCryptoException(transformation + " needs " + (keyLength + SALT_LENGTH)
                    + " bytes of keymat, got " + keyAndSalt.length);
        }
        this.keyBytes = Arrays.copyOf(keyAndSalt, keyLength);
        System.arraycopy(keyAndSalt, keyLength, nonce, 0, SALT_LENGTH);
        this.key = new SecretKeySpec(keyBytes, keyAlg);
        this.encrypt = encrypt;
        this.esn = esn;
        try {
            this.cipher = Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new EspCryptoException(transformation + " not available", e);
        }
    }

    /** The JCA parameters for {@code nonce} (one allocation per packet; the JCA keeps no reference we could reuse). */
    abstract AlgorithmParameterSpec parameters(byte[] nonce);

    @Override
    public final int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public final int icvLength() {
        return ICV_LENGTH;
    }

    @Override
    public final int blockSize() {
        return 4;
    }

    @Override
    public final int seal(final ByteBuffer buf, final int espOff, final int plaintextLength, final long seq) {
        // RFC 4106 §3.1: the IV is the sequence number, so it never repeats under one key.
        buf.putLong(espOff + 8, seq);
        return sealPrepared(buf, espOff, plaintextLength, seq);
    }

    @Override
    public final int sealPrepared(final ByteBuffer buf, final int espOff, final int plaintextLength, final long seq) {
        if (!encrypt) {
            throw new IllegalStateException("inbound transform");
        }
        int ptOff = espOff + 8 + IV_LENGTH;
        try {
            init(Cipher.ENCRYPT_MODE, buf, espOff, seq);
            // In place or disjoint, whichever the JDK's implementation handles without an internal copy.
            int outOff = disjoint ? plaintextLength + ICV_LENGTH : 0;
            byte[] work = scratch.get(outOff + plaintextLength + ICV_LENGTH);
            buf.get(ptOff, work, 0, plaintextLength);
            int n = cipher.doFinal(work, 0, plaintextLength, work, outOff);
            buf.put(ptOff, work, outOff, n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD seal failed", e);
        }
        return 8 + IV_LENGTH + plaintextLength + ICV_LENGTH;
    }

    @Override
    public final int open(final ByteBuffer buf, final int espOff, final int espLength, final long seq) {
        if (encrypt) {
            throw new IllegalStateException("outbound transform");
        }
        int ctLength = espLength - 8 - IV_LENGTH;
        if (ctLength < ICV_LENGTH) {
            return -1;
        }
        int ctOff = espOff + 8 + IV_LENGTH;
        try {
            init(Cipher.DECRYPT_MODE, buf, espOff, seq);
            int outOff = disjoint ? ctLength : 0;
            byte[] work = scratch.get(outOff + ctLength);
            buf.get(ctOff, work, 0, ctLength);
            int n = cipher.doFinal(work, 0, ctLength, work, outOff);
            buf.put(ctOff, work, outOff, n);
            return n;
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    private void init(final int mode, final ByteBuffer buf, final int espOff, final long seq)
            throws GeneralSecurityException {
        for (int i = 0; i < IV_LENGTH; i++) {
            nonce[4 + i] = buf.get(espOff + 8 + i);
        }
        cipher.init(mode, key, parameters(nonce));
        // RFC 4106 §5 / RFC 7634 §2.1: AAD is SPI || [seq high ||] seq low.
        int spi = buf.getInt(espOff);
        putInt(aad, 0, spi);
        if (esn) {
            putInt(aad, 4, (int) (seq >>> 32));
            putInt(aad, 8, (int) seq);
            cipher.updateAAD(aad, 0, 12);
        } else {
            putInt(aad, 4, (int) seq);
            cipher.updateAAD(aad, 0, 8);
        }
    }

    private static void putInt(final byte[] a, final int off, final int v) {
        a[off] = (byte) (v >>> 24);
        a[off + 1] = (byte) (v >>> 16);
        a[off + 2] = (byte) (v >>> 8);
        a[off + 3] = (byte) v;
    }

    @Override
    public final void destroy() {
        // Overwrite the cipher's expanded key schedule with a zero key; SecretKeySpec's private copy of the key
        // cannot be wiped (it is not Destroyable) and waits for the GC.
        try {
            Arrays.fill(nonce, (byte) 0xFF);
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                    new SecretKeySpec(new byte[keyBytes.length], key.getAlgorithm()), parameters(nonce));
        } catch (GeneralSecurityException | RuntimeException e) {
            // best effort
        }
        Arrays.fill(keyBytes, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
        scratch.wipe();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (encrypt ? "out" : "in") + (esn ? ", esn" : "") + ", key=<redacted>]";
    }
}
