package org.jswan.gateway.statickey;

import java.util.Objects;

/** One manually keyed SA of a static tunnel; {@link #toString()} never shows the keys. */
public record StaticSa(int spi, EspAlgorithm algorithm, byte[] encryptionKey, byte[] integrityKey) {
    public StaticSa {
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
        return "StaticSa[spi=" + String.format("%08x", spi) + ", " + algorithm.keyword() + ", keys=<redacted>]";
    }
}
