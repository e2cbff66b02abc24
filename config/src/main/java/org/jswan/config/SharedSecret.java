package org.jswan.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secret bytes from swanctl.conf (a PSK, EAP password or key passphrase). {@link #toString()} never shows them;
 * {@link #destroy()} zeroes them. Values are an ASCII/UTF-8 string, {@code 0x}-prefixed hex or {@code 0s}-prefixed
 * Base64 (swanctl.conf(5), secrets.ike&lt;suffix&gt;.secret).
 */
public final class SharedSecret {

    private final byte[] bytes;
    private volatile boolean destroyed;

    private SharedSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of the given bytes. */
    public static SharedSecret of(byte[] bytes) {
        return new SharedSecret(bytes.clone());
    }

    /**
     * Decodes a secret value as written in swanctl.conf.
     *
     * @throws IllegalArgumentException on bad hex or Base64 (the message never contains the value)
     */
    public static SharedSecret decode(String value) {
        if (value.startsWith("0x") || value.startsWith("0X")) {
            String hex = value.substring(2).replace(":", "");
            if (hex.isEmpty() || hex.length() % 2 != 0) {
                throw new IllegalArgumentException("invalid hex secret (odd or zero number of digits)");
            }
            try {
                return new SharedSecret(HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid hex secret (non-hex character)");
            }
        }
        if (value.startsWith("0s")) {
            try {
                byte[] b = Base64.getDecoder().decode(value.substring(2).strip());
                if (b.length == 0) {
                    throw new IllegalArgumentException("empty base64 secret");
                }
                return new SharedSecret(b);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid base64 secret");
            }
        }
        return new SharedSecret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the secret bytes; the caller should zero it after use. */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("secret destroyed");
        }
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Zeroes the bytes; later {@link #bytes()} calls throw. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time comparison of the secret contents. */
    public boolean sameAs(SharedSecret other) {
        return other != null && java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "SharedSecret[" + bytes.length + " bytes, redacted]";
    }
}
