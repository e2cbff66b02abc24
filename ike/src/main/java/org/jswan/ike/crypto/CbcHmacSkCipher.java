package org.jswan.ike.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SK{} protection with AES-CBC (RFC 3602) and HMAC-SHA2 truncated ICV (RFC 4868), RFC 7296 §3.14:
 * <pre>
 *   sealed = IV(16, random) | AES-CBC(payloads | padding | pad length) | ICV
 *   ICV    = first icvLength bytes of HMAC(SK_a, associated | IV | ciphertext)
 * </pre>
 * The ICV is verified (in constant time) before anything is decrypted.
 */
final class CbcHmacSkCipher implements SkCipher {
    private static final int BLOCK = 16;

    private final Algorithm encryption;
    private final Algorithm integrity;
    private final SecretKeySpec encKey;
    private final SecretKeySpec macKey;
    private final String macName;
    private final SecureRandom random;

    CbcHmacSkCipher(final Algorithm encryption, final byte[] encKey, final Algorithm integrity, final byte[] integKey,
                    final SecureRandom random) {
        if (encKey.length != encryption.keyBytes()) {
            throw new IllegalArgumentException(encryption + " needs a " + encryption.keyBytes() + "-byte key");
        }
        if (integKey.length != integrity.keyBytes()) {
            throw new IllegalArgumentException(integrity + " needs a " + integrity.keyBytes() + "-byte key");
        }
        this.encryption = encryption;
        this.integrity = integrity;
        this.macName = macName(integrity);
        this.encKey = new SecretKeySpec(encKey, "AES");
        this.macKey = new SecretKeySpec(integKey, macName);
        this.random = random;
    }

    private static String macName(final Algorithm integrity) {
        switch (integrity) {
            case HMAC_SHA2_256_128:
                return "HmacSHA256";
            case HMAC_SHA2_384_192:
                return "HmacSHA384";
            case HMAC_SHA2_512_256:
                return "HmacSHA512";
            default:
                throw new IllegalArgumentException("unsupported integrity transform " + integrity);
        }
    }

    @Override
    public int ivLength() {
        return BLOCK;
    }

    @Override
    public int icvLength() {
        return integrity.icvLength();
    }

    @Override
    public int sealedLength(final int plaintextLength) {
        return BLOCK + paddedLength(plaintextLength) + icvLength();
    }

    private static int paddedLength(final int plaintextLength) {
        return (plaintextLength + 1 + BLOCK - 1) / BLOCK * BLOCK;
    }

    @Override
    public byte[] seal(final byte[] associated, final byte[] plaintext) {
        final int padded = paddedLength(plaintext.length);
        final byte[] content = Arrays.copyOf(plaintext, padded);
        final int padLength = padded - plaintext.length - 1;
        content[padded - 1] = (byte) padLength; // padding bytes stay zero; RFC 7296 §3.14 lets the sender choose
        final byte[] out = new byte[sealedLength(plaintext.length)];
        final byte[] iv = new byte[BLOCK];
        random.nextBytes(iv);
        System.arraycopy(iv, 0, out, 0, BLOCK);
        try {
            final Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encKey, new IvParameterSpec(iv));
            c.doFinal(content, 0, padded, out, BLOCK);
            final byte[] icv = icv(associated, out, BLOCK + padded);
            System.arraycopy(icv, 0, out, BLOCK + padded, icvLength());
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(encryption + " encryption failed", e);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    @Override
    public byte[] open(final byte[] associated, final byte[] sealed) throws IkeCryptoException {
        final int ctLength = sealed.length - BLOCK - icvLength();
        if (ctLength < BLOCK || ctLength % BLOCK != 0) {
            throw new IkeCryptoException("encrypted payload length " + sealed.length + " invalid for " + encryption
                    + "/" + integrity);
        }
        final byte[] expected = icv(associated, sealed, BLOCK + ctLength);
        final byte[] received = Arrays.copyOfRange(sealed, BLOCK + ctLength, sealed.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(expected, icvLength()), received)) {
            throw new IkeCryptoException(integrity + " ICV verification failed");
        }
        try {
            final Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encKey, new IvParameterSpec(sealed, 0, BLOCK));
            return PaddingRemover.strip(c.doFinal(sealed, BLOCK, ctLength));
        } catch (GeneralSecurityException e) {
            throw new IkeCryptoException(encryption + " decryption failed", e);
        }
    }

    /** Full HMAC over associated | data[0, length); the caller truncates. */
    private byte[] icv(final byte[] associated, final byte[] data, final int length) {
        try {
            final Mac mac = Mac.getInstance(macName);
            mac.init(macKey);
            mac.update(associated);
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macName + " unavailable", e);
        }
    }

    /** The truncated ICV of RFC 4868 over {@code data}, for the published HMAC-SHA2-*-* vectors. */
    static byte[] integrityCheck(final Algorithm integrity, final byte[] key, final byte[] data) {
        try {
            final String name = macName(integrity);
            final Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(key, name));
            return Arrays.copyOf(mac.doFinal(data), integrity.icvLength());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "CbcHmacSkCipher[" + encryption + "/" + integrity + "]";
    }
}
