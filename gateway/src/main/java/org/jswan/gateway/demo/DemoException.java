package org.jswan.gateway.demo;

/** A demo step failed; the message says which and why (with a log tail where a daemon is involved). */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(final String message) {
        super(message);
    }

    public DemoException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
