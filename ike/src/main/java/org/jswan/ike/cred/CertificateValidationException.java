package org.jswan.ike.cred;

/** A certificate chain was refused; {@link #reason()} says why, the message says which certificate. */
public final class CertificateValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a chain was refused. */
    public enum Reason { EXPIRED, NOT_YET_VALID, UNTRUSTED, INVALID }

    private final Reason reason;

    public CertificateValidationException(final Reason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    public CertificateValidationException(final Reason reason, final String message, final Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
