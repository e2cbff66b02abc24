package org.jswan.ike.crypto;

/**
 * Protects the contents of an Encrypted payload, SK{...} (RFC 7296 §3.14; RFC 5282 for AEAD ciphers). One
 * instance serves one direction of an IKE SA: built from SK_ei/SK_ai (initiator to responder) or SK_er/SK_ar.
 *
 * <p>Wire form of what {@link #seal} returns and {@link #open} takes: {@code IV || ciphertext || ICV}, where the
 * ciphertext covers {@code inner payloads || padding || pad length}.
 *
 * <p>{@code associated} is the IKE header plus the SK (or SKF) generic payload header, up to but not including
 * the IV, with the final lengths already written. For AEAD ciphers it is the AAD; for cipher+HMAC ciphers the
 * ICV is the truncated HMAC over {@code associated || IV || ciphertext} (RFC 7296 §3.14).
 */
public interface SkCipher {

    int ivLength();

    int icvLength();

    /** The length of {@code seal}'s output for {@code plaintextLength} bytes of inner payloads. */
    int sealedLength(int plaintextLength);

    /** Pads, encrypts and authenticates {@code plaintext}; returns {@code IV || ciphertext || ICV}. */
    byte[] seal(byte[] associated, byte[] plaintext);

    /**
     * Verifies and decrypts {@code sealed} ({@code IV || ciphertext || ICV}), and returns the inner payloads with
     * padding removed.
     *
     * @throws IkeCryptoException when the ICV does not verify or the lengths or padding are malformed
     */
    byte[] open(byte[] associated, byte[] sealed) throws IkeCryptoException;
}
