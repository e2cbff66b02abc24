package org.jswan.gateway.control;

/** Outcome of a control operation: VICI's {@code success} and {@code errmsg}. */
public record ControlResult(boolean success, String errmsg) {
    private static final ControlResult OK = new ControlResult(true, null);

    public static ControlResult ok() {
        return OK;
    }

    public static ControlResult failed(final String errmsg) {
        return new ControlResult(false, errmsg);
    }
}
