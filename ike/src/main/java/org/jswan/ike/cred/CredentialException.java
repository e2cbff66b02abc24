package org.jswan.ike.cred;

/** A credential file could not be loaded; the message names the file and what is wrong with it. */
public final class CredentialException extends Exception {
    private static final long serialVersionUID = 1L;

    public CredentialException(final String message) {
        super(message);
    }

    public CredentialException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
