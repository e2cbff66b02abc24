package org.jswan.ike.codec;

import org.jswan.ike.message.NotifyType;

/**
 * A received IKE message (or fragment) is malformed or not acceptable. Carries the Notify to answer with, or none
 * when the message must be dropped silently (e.g. bad ICV, wrong length: RFC 7296 §2.21 does not allow answering an
 * unauthenticated message with an error in most cases). The caller decides whether it may answer at all.
 *
 * <p>No stack trace is filled in: this is thrown on hostile input and must be cheap.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final byte[] NO_DATA = new byte[0];

    private final transient NotifyType notifyType;
    private final byte[] notifyData;

    public DecodeException(final NotifyType notifyType, final byte[] notifyData, final String reason) {
        super(reason, null, false, false);
        this.notifyType = notifyType;
        this.notifyData = notifyData == null ? NO_DATA : notifyData.clone();
    }

    /** RFC 7296 §2.21.1: malformed message, answer INVALID_SYNTAX (where an answer is allowed). */
    public static DecodeException invalidSyntax(final String reason) {
        return new DecodeException(NotifyType.INVALID_SYNTAX, null, reason);
    }

    /** Drop silently, answer nothing. */
    public static DecodeException drop(final String reason) {
        return new DecodeException(null, null, reason);
    }

    /** The Notify type to answer with, or {@code null}: drop silently. */
    public NotifyType notifyType() {
        return notifyType;
    }

    /** Notification Data for the answer (e.g. the one-byte payload type for UNSUPPORTED_CRITICAL_PAYLOAD). */
    public byte[] notifyData() {
        return notifyData.clone();
    }

    public boolean silentDrop() {
        return notifyType == null;
    }

    /** The human-readable reason, for logs. */
    public String reason() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "DecodeException[" + (notifyType == null ? "drop" : notifyType.name()) + "]: " + getMessage();
    }
}
