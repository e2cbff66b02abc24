package org.jswan.ike.codec;

import java.util.Arrays;

/**
 * The four zero bytes that precede IKE messages on UDP port 4500 so they are not taken for ESP (RFC 3948 §2.2;
 * RFC 7296 §2.23). The gateway's port-4500 demultiplexer may strip it itself; this helper is for callers that
 * hold the raw datagram.
 */
public final class NonEspMarker {
    public static final int LENGTH = 4;

    private NonEspMarker() {
    }

    /** True if the datagram starts with the marker (and so is IKE, not ESP). */
    public static boolean isPresent(final byte[] datagram) {
        return datagram.length >= LENGTH && datagram[0] == 0 && datagram[1] == 0 && datagram[2] == 0
                && datagram[3] == 0;
    }

    /** The IKE message after the marker; the caller checked {@link #isPresent}. */
    public static byte[] strip(final byte[] datagram) {
        if (!isPresent(datagram)) {
            throw new IllegalArgumentException("no non-ESP marker");
        }
        return Arrays.copyOfRange(datagram, LENGTH, datagram.length);
    }

    /** The marker followed by {@code ikeMessage}, for sending on port 4500. */
    public static byte[] prepend(final byte[] ikeMessage) {
        final byte[] out = new byte[LENGTH + ikeMessage.length];
        System.arraycopy(ikeMessage, 0, out, LENGTH, ikeMessage.length);
        return out;
    }
}
