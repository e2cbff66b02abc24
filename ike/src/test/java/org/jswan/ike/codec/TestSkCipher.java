package org.jswan.ike.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jswan.ike.crypto.IkeCryptoException;
import org.jswan.ike.crypto.SkCipher;

/**
 * Test double of {@link SkCipher}: XOR "encryption" with block padding and a SHA-256-based ICV over
 * {@code associated || IV || ciphertext}, so tests see tampering of headers and body exactly as with a real cipher.
 * Not a cipher.
 */
final class TestSkCipher implements SkCipher {
    private static final int IV = 8;
    private static final int ICV = 12;
    private static final int BLOCK = 16;
    private final byte key;
    private int counter;

    TestSkCipher(final int key) {
        this.key = (byte) key;
    }

    @Override
    public int ivLength() {
        return IV;
    }

    @Override
    public int icvLength() {
        return ICV;
    }

    @Override
    public int sealedLength(final int plaintextLength) {
        final int padded = (plaintextLength + 1 + BLOCK - 1) / BLOCK * BLOCK;
        return IV + padded + ICV;
    }

    @Override
    public byte[] seal(final byte[] associated, final byte[] plaintext) {
        final int padded = sealedLength(plaintext.length) - IV - ICV;
        final byte[] out = new byte[IV + padded + ICV];
        out[IV - 1] = (byte) ++counter;
        System.arraycopy(plaintext, 0, out, IV, plaintext.length);
        out[IV + padded - 1] = (byte) (padded - plaintext.length - 1);
        for (int i = IV; i < IV + padded; i++) {
            out[i] ^= key;
        }
        System.arraycopy(icv(associated, out, IV + padded), 0, out, IV + padded, ICV);
        return out;
    }

    @Override
    public byte[] open(final byte[] associated, final byte[] sealed) throws IkeCryptoException {
        if (sealed.length < IV + BLOCK + ICV || (sealed.length - IV - ICV) % BLOCK != 0) {
            throw new IkeCryptoException("bad length " + sealed.length);
        }
        final int end = sealed.length - ICV;
        if (!MessageDigest.isEqual(icv(associated, sealed, end), Arrays.copyOfRange(sealed, end, sealed.length))) {
            throw new IkeCryptoException("ICV mismatch");
        }
        final byte[] plain = Arrays.copyOfRange(sealed, IV, end);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= key;
        }
        final int pad = plain[plain.length - 1] & 0xff;
        if (pad + 1 > plain.length) {
            throw new IkeCryptoException("bad padding");
        }
        return Arrays.copyOf(plain, plain.length - pad - 1);
    }

    private byte[] icv(final byte[] associated, final byte[] data, final int len) {
        try {
            final MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(key);
            md.update(associated);
            md.update(data, 0, len);
            return Arrays.copyOf(md.digest(), ICV);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
