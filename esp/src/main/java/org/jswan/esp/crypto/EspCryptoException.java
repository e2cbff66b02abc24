package org.jswan.esp.crypto;

/** A transform cannot be built: unknown algorithm, wrong key length, or the JCA provider lacks it (control path). */
public final class EspCryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EspCryptoException(final String message) {
        super(message);
    }

    public EspCryptoException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
