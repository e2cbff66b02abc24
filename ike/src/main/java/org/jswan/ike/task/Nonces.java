package org.jswan.ike.task;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/** Fresh nonces and IKE SPIs for IKE_SA_INIT and IKE rekeys, and the 8-byte wire form of an IKE SPI. */
final class Nonces {
    /**
     * RFC 7296 §2.10: at least 128 bits and at least half the PRF's key size; 32 bytes as strongSwan sends, enough
     * for PRF-HMAC-SHA2-512.
     */
    static final int NONCE_LENGTH = 32;

    private Nonces() {
    }

    static byte[] nonce(final SecureRandom random) {
        byte[] n = new byte[NONCE_LENGTH];
        random.nextBytes(n);
        return n;
    }

    /** A random IKE SPI; zero is reserved (RFC 7296 §3.1: the responder's SPI is zero in the first message). */
    static long ikeSpi(final SecureRandom random) {
        long spi = 0;
        while (spi == 0) {
            spi = random.nextLong();
        }
        return spi;
    }

    static byte[] ikeSpiBytes(final long spi) {
        return ByteBuffer.allocate(8).putLong(spi).array();
    }
}
