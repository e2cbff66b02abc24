package org.jswan.ike.auth;

/**
 * Authentication failed or could not be attempted (bad signature, unusable key, malformed AUTH data). The IKE SA
 * answers with {@link #AUTHENTICATION_FAILED} (RFC 7296 §2.21.2). Never carries key bytes or PSKs.
 */
public final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Notify Message Type AUTHENTICATION_FAILED (RFC 7296 §3.10.1). */
    public static final int AUTHENTICATION_FAILED = 24;

    public AuthException(final String message) {
        super(message);
    }

    public AuthException(final String message, final Throwable cause) {
        super(message, cause);
    }

    /** The notify type to send or log for this failure. */
    public int notifyType() {
        return AUTHENTICATION_FAILED;
    }
}
