package org.jswan.config;

/** A configuration file could not be read or parsed; the message starts with {@code file:line:}. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;
    private final String detail;

    public ConfigException(SourcePosition position, String detail) {
        super(position + ": " + detail);
        this.position = position;
        this.detail = detail;
    }

    /** Where the problem was found. */
    public SourcePosition position() {
        return position;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }
}
