package org.jswan.esp.crypto;

import java.nio.ByteBuffer;

/**
 * One direction of an ESP SA's cryptographic transform, working in place on a packet region (RFC 4303 §2, §3.3.2).
 *
 * <pre>
 *  espOff
 *  |SPI(4)|Seq low(4)|IV(ivLength)|payload + padding + pad length + next header|ICV(icvLength)|
 * </pre>
 *
 * <p>Thread-confined: one instance belongs to one SA direction and is used by one data thread only.
 */
public interface EspTransform {

    /** Bytes of IV carried after the ESP header. */
    int ivLength();

    /** Bytes of ICV appended after the ciphertext. */
    int icvLength();

    /** The ciphertext (payload + padding + 2 trailer bytes) must be a multiple of this (RFC 4303 §2.4). */
    int blockSize();

    /**
     * Writes the IV, encrypts {@code plaintextLength} bytes at {@code espOff + 8 + ivLength()} in place and appends
     * the ICV. The ESP header (SPI, low 32 bits of {@code seq}) must already be written.
     *
     * @param seq the full 64-bit sequence number (its high half is used only with ESN)
     * @return the ESP packet length (header + IV + ciphertext + ICV), or -1 when the transform was destroyed
     *         meanwhile (the control thread deleted the SA while a data thread still held it)
     */
    int seal(ByteBuffer buf, int espOff, int plaintextLength, long seq);

    /**
     * Verifies the ICV and decrypts in place.
     *
     * @param espLength whole ESP packet length from the SPI to the end of the ICV
     * @param seq the full 64-bit sequence number as inferred by the replay window
     * @return the plaintext length (payload + padding + trailer), or -1 when the ICV does not verify
     */
    int open(ByteBuffer buf, int espOff, int espLength, long seq);

    /** Zeroes the key material this transform owns; it must not be used afterwards. */
    void destroy();
}
