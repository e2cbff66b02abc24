package org.jswan.gateway.statickey;

import java.util.Objects;

/**
 * One manually keyed SA of a static tunnel; {@link #toString()} never shows the keys.
 *
 * @param initialSeq the sequence number counter at start (see {@link org.jswan.esp.api.SaSpec#initialSeq()}): the last
 *                   number sent (out) or received (in), 0 normally; like {@code ip xfrm state ... replay-oseq/seq}
 */
public record StaticSa(int spi, EspAlgorithm algorithm, byte[] encryptionKey, byte[] integrityKey, long initialSeq) {
    public StaticSa(final int spi, final EspAlgorithm algorithm, final byte[] encryptionKey,
            final byte[] integrityKey) {
        this(spi, algorithm, encryptionKey, integrityKey, 0);
    }

    public StaticSa {
        if (initialSeq < 0) {
            throw new IllegalArgumentException("sequence number " + Long.toUnsignedString(initialSeq)
                    + " is beyond 2^63");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        integrityKey = integrityKey == null ? new byte[0] : integrityKey;
        // RFC 4303 §2.1: 0 is never sent and 1..255 are reserved by IANA.
        if ((spi & 0xFFFF_FFFFL) < 256) {
            throw new IllegalArgumentException("SPI " + Integer.toUnsignedString(spi) + " is reserved (0..255)");
        }
        if (encryptionKey.length != algorithm.encryptionKeyLength()) {
            throw new IllegalArgumentException(algorithm.keyword() + " needs a " + algorithm.encryptionKeyLength()
                    + "-byte encryption key" + (algorithm.aead() ? " (key followed by the 4-byte salt)" : "")
                    + ", got " + encryptionKey.length);
        }
        if (integrityKey.length != algorithm.integrityKeyLength()) {
            throw new IllegalArgumentException(algorithm.keyword() + " needs a " + algorithm.integrityKeyLength()
                    + "-byte integrity key, got " + integrityKey.length);
        }
    }

    @Override
    public String toString() {
        return "StaticSa[spi=" + String.format("%08x", spi) + ", " + algorithm.keyword()
                + (initialSeq == 0 ? "" : ", seq=" + initialSeq) + ", keys=<redacted>]";
    }
}
