package org.jswan.ike.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Key material that can be wiped (BouncyCastle {@code TlsSecret} analogue). {@link #toString()} never shows the
 * bytes; {@link #destroy()} zeroes them, after which every access throws {@link IllegalStateException}.
 * Not thread-safe: owned by the IKE control thread.
 */
public final class Secret implements Destroyable {
    private static final Secret EMPTY = new Secret(new byte[0]);

    private final byte[] bytes;
    private boolean destroyed;

    private Secret(final byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller may wipe its array afterwards. */
    public static Secret copyOf(final byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying. */
    static Secret wrap(final byte[] bytes) {
        return new Secret(bytes);
    }

    /** A zero-length secret, e.g. SK_ai for an AEAD cipher. */
    public static Secret empty() {
        return EMPTY;
    }

    public int length() {
        checkAlive();
        return bytes.length;
    }

    /** A copy of the key bytes; the caller owns (and should wipe) it. */
    public byte[] bytes() {
        checkAlive();
        return bytes.clone();
    }

    /** The key bytes without copying, for use inside this package only. */
    byte[] unsafeBytes() {
        checkAlive();
        return bytes;
    }

    @Override
    public void destroy() {
        if (this != EMPTY) {
            Arrays.fill(bytes, (byte) 0);
            destroyed = true;
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret has been destroyed");
        }
    }

    @Override
    public String toString() {
        return destroyed ? "Secret[destroyed]" : "Secret[" + bytes.length + " bytes, redacted]";
    }
}
