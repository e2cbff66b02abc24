package org.jswan.ike.auth;

import java.util.Arrays;
import org.jswan.ike.message.AuthMethod;

/**
 * Content of an AUTH payload (RFC 7296 §3.8): the method and the Authentication Data. The payload body on the wire
 * is {@code method (1) || RESERVED (3) || data}; see {@link #encode()} and {@link #decode(byte[])}.
 */
public record AuthData(AuthMethod method, byte[] data) {

    public AuthData {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        byte[] out = new byte[4 + data.length];
        out[0] = (byte) method.value();
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    public static AuthData decode(final byte[] body) throws AuthException {
        if (body.length < 4) {
            throw new AuthException("AUTH payload body too short: " + body.length + " bytes");
        }
        return new AuthData(AuthMethod.valueOf(body[0] & 0xff), Arrays.copyOfRange(body, 4, body.length));
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AuthData && ((AuthData) o).method.equals(method)
                && Arrays.equals(((AuthData) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "AuthData[" + method + ", " + data.length + " bytes]";
    }
}
