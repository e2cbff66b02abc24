package org.jswan.ike.crypto;

/** A cryptographic check failed (bad ICV, malformed padding, invalid public value). Never carries key bytes. */
public final class IkeCryptoException extends Exception {
    private static final long serialVersionUID = 1L;

    public IkeCryptoException(final String message) {
        super(message);
    }

    public IkeCryptoException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
