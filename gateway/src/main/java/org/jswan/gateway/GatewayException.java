package org.jswan.gateway;

/** The gateway cannot start or reload; the message says what to fix. */
public final class GatewayException extends Exception {
    private static final long serialVersionUID = 1L;

    public GatewayException(final String message) {
        super(message);
    }

    public GatewayException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
