package org.jswan.nativeio.crypto;

import java.nio.ByteBuffer;

/**
 * One direction of an AEAD key run in place on a packet buffer: ciphertext replaces plaintext, the 16-byte tag follows
 * it. The caller writes the 12-byte nonce at {@link #NONCE} and up to {@link #MAX_AAD} bytes of AAD at {@link #AAD} of
 * {@link #parameters()} before each call. One data thread per instance; {@link #close()} may come from another.
 */
public interface InPlaceAead extends AutoCloseable {
    int NONCE = 0;
    int AAD = 16;
    int MAX_AAD = 16;
    int TAG_LENGTH = 16;

    /** The library that runs it, for logs and tests: "OpenSSL", "GnuTLS" or "ipsec-mb". */
    String library();

    /** The per-call parameter block: nonce and AAD at the offsets above, big-endian. */
    ByteBuffer parameters();

    /**
     * Encrypts {@code length} bytes at {@code off} in place and writes the tag after them.
     *
     * @return false when the context is closed (the SA was deleted) or the library failed
     */
    boolean seal(ByteBuffer buf, int off, int length, int aadLength);

    /**
     * Checks the tag after the {@code length} ciphertext bytes at {@code off} and decrypts them in place.
     *
     * @return false when the tag does not verify (the region then holds unauthenticated plaintext: drop the
     *         packet), or the context is closed
     */
    boolean open(ByteBuffer buf, int off, int length, int aadLength);

    /** Frees the native context now, or when the call in progress returns. Idempotent. */
    @Override
    void close();
}
