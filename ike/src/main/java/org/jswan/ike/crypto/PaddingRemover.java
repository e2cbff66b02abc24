package org.jswan.ike.crypto;

import java.util.Arrays;

/** Removes the SK{} padding and Pad Length octet (RFC 7296 §3.14) from decrypted content. */
final class PaddingRemover {
    private PaddingRemover() {
    }

    /** {@code payloads | padding | pad length} → payloads; rejects a pad length beyond the content. */
    static byte[] strip(final byte[] decrypted) throws IkeCryptoException {
        if (decrypted.length < 1) {
            throw new IkeCryptoException("encrypted content lacks the Pad Length octet");
        }
        final int padLength = decrypted[decrypted.length - 1] & 0xff;
        final int payloadLength = decrypted.length - 1 - padLength;
        if (payloadLength < 0) {
            Arrays.fill(decrypted, (byte) 0);
            throw new IkeCryptoException("pad length " + padLength + " exceeds decrypted length " + decrypted.length);
        }
        final byte[] payloads = Arrays.copyOf(decrypted, payloadLength);
        Arrays.fill(decrypted, (byte) 0);
        return payloads;
    }
}
