package org.jswan.ike.auth;

/** An identity string or ID payload body could not be parsed. */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdentityException(final String message) {
        super(message);
    }
}
