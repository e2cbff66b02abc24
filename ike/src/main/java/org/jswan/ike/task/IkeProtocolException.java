package org.jswan.ike.task;

import org.jswan.ike.message.NotifyType;

/**
 * A protocol failure that carries the Notify error to answer with (the IKE analogue of BouncyCastle's
 * TlsFatalAlert). The task manager puts it into the response for requests, and deletes the SA for responses.
 */
public final class IkeProtocolException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient NotifyType notify;
    private final transient byte[] notifyData;

    public IkeProtocolException(final NotifyType notify, final String detail) {
        this(notify, new byte[0], detail);
    }

    public IkeProtocolException(final NotifyType notify, final byte[] notifyData, final String detail) {
        super(detail);
        this.notify = notify;
        this.notifyData = notifyData.clone();
    }

    public NotifyType notifyType() {
        return notify;
    }

    public byte[] notifyData() {
        return notifyData.clone();
    }
}
