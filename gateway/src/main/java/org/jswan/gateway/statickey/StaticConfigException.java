package org.jswan.gateway.statickey;

/** A static-key file that cannot be used; the message names the file and line. */
public final class StaticConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public StaticConfigException(final String message) {
        super(message);
    }
}
