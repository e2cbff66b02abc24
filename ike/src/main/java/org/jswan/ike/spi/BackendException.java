package org.jswan.ike.spi;

/** The data plane refused an operation; the message says what and why. */
public final class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    public BackendException(final String message) {
        super(message);
    }

    public BackendException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
