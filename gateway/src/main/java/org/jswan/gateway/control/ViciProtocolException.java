package org.jswan.gateway.control;

import java.io.IOException;

/** Malformed or oversized VICI input, or a protocol violation by the peer; the connection is then closed. */
public class ViciProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ViciProtocolException(final String message) {
        super(message);
    }
}
