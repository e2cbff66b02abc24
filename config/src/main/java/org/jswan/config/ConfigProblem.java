package org.jswan.config;

/**
 * One finding of the validator. {@link #toString()} gives the admin-facing line, e.g.
 * {@code swanctl.conf:14: connections.site-b.children.net.esp_proposals: unknown algorithm 'aes128gmc16' (did you
 * mean aes128gcm16?)}.
 */
public record ConfigProblem(Severity severity, String file, int line, String keyPath, String message) {

    /** ERROR: the configuration must not be used. WARNING: it loads, but something will be ignored. */
    public enum Severity { ERROR, WARNING }

    public static ConfigProblem error(SourcePosition at, String keyPath, String message) {
        return new ConfigProblem(Severity.ERROR, at.file(), at.line(), keyPath, message);
    }

    public static ConfigProblem warning(SourcePosition at, String keyPath, String message) {
        return new ConfigProblem(Severity.WARNING, at.file(), at.line(), keyPath, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (severity == Severity.WARNING ? "warning: " : "")
                + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
