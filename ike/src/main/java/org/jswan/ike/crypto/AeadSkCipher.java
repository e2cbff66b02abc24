package org.jswan.ike.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SK{} protection with an AEAD cipher: AES-GCM with a 16-byte ICV (RFC 5282) or ChaCha20-Poly1305 (RFC 7634).
 * <pre>
 *   key material = key | salt (4 bytes)
 *   nonce        = salt | IV  (12 bytes), IV = 8 bytes sent in clear
 *   AAD          = IKE header | SK payload header   (RFC 5282 §5.1)
 *   sealed       = IV | ciphertext(payloads | padding | pad length) | ICV(16)
 * </pre>
 * A nonce must never repeat under one key, so the IV is a 64-bit counter (RFC 5282 §3.1 allows a counter),
 * started at a random value and refused once it wraps back to its start. One instance serves one sending
 * direction; never build two senders from the same key.
 */
final class AeadSkCipher implements SkCipher {
    private static final int IV_LENGTH = 8;
    private static final int TAG_LENGTH = 16;

    private final Algorithm algorithm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final AtomicLong counter;
    private final long firstIv;

    AeadSkCipher(final Algorithm algorithm, final byte[] keyMaterial, final SecureRandom random) {
        this(algorithm, keyMaterial, random.nextLong());
    }

    /** With a chosen first IV; tests only. */
    AeadSkCipher(final Algorithm algorithm, final byte[] keyMaterial, final long firstIv) {
        if (!algorithm.isAead()) {
            throw new IllegalArgumentException("not an AEAD cipher: " + algorithm);
        }
        if (keyMaterial.length != algorithm.keyMaterialLength()) {
            throw new IllegalArgumentException(algorithm + " needs " + algorithm.keyMaterialLength()
                    + " bytes of key material, got " + keyMaterial.length);
        }
        this.algorithm = algorithm;
        final String keyAlg = algorithm == Algorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES";
        this.key = new SecretKeySpec(keyMaterial, 0, algorithm.keyBytes(), keyAlg);
        this.salt = Arrays.copyOfRange(keyMaterial, algorithm.keyBytes(), keyMaterial.length);
        this.firstIv = firstIv;
        this.counter = new AtomicLong(firstIv);
    }

    @Override
    public int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public int icvLength() {
        return TAG_LENGTH;
    }

    @Override
    public int sealedLength(final int plaintextLength) {
        // Block size 1 (RFC 5282 §3): no padding, only the Pad Length octet.
        return IV_LENGTH + plaintextLength + 1 + TAG_LENGTH;
    }

    @Override
    public byte[] seal(final byte[] associated, final byte[] plaintext) {
        final long iv = counter.getAndIncrement();
        if (iv + 1 == firstIv) {
            throw new IllegalStateException("AEAD IV space exhausted; rekey the IKE SA");
        }
        final byte[] out = new byte[sealedLength(plaintext.length)];
        for (int i = 0; i < IV_LENGTH; i++) {
            out[i] = (byte) (iv >>> (56 - 8 * i));
        }
        final byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1); // pad length 0
        try {
            final Cipher c = init(Cipher.ENCRYPT_MODE, out, 0);
            c.updateAAD(associated);
            c.doFinal(padded, 0, padded.length, out, IV_LENGTH);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " encryption failed", e);
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    @Override
    public byte[] open(final byte[] associated, final byte[] sealed) throws IkeCryptoException {
        if (sealed.length < IV_LENGTH + 1 + TAG_LENGTH) {
            throw new IkeCryptoException("encrypted payload too short for " + algorithm + ": " + sealed.length);
        }
        final byte[] plain;
        try {
            final Cipher c = init(Cipher.DECRYPT_MODE, sealed, 0);
            c.updateAAD(associated);
            plain = c.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
        } catch (AEADBadTagException e) {
            throw new IkeCryptoException(algorithm + " ICV verification failed");
        } catch (GeneralSecurityException e) {
            throw new IkeCryptoException(algorithm + " decryption failed", e);
        }
        return PaddingRemover.strip(plain);
    }

    private Cipher init(final int mode, final byte[] ivSource, final int ivOffset) throws GeneralSecurityException {
        final byte[] nonce = new byte[salt.length + IV_LENGTH];
        System.arraycopy(salt, 0, nonce, 0, salt.length);
        System.arraycopy(ivSource, ivOffset, nonce, salt.length, IV_LENGTH);
        final Cipher c;
        if (algorithm == Algorithm.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, key, new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        }
        return c;
    }

    @Override
    public String toString() {
        return "AeadSkCipher[" + algorithm + "]";
    }
}
