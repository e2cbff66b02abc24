package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedSecretTest {

    @Test
    void formats() {
        assertArrayEquals("plain text".getBytes(StandardCharsets.UTF_8), SharedSecret.decode("plain text").bytes());
        assertArrayEquals(HexFormat.of().parseHex("deadBEEF"), SharedSecret.decode("0xdeadBEEF").bytes());
        assertArrayEquals(HexFormat.of().parseHex("0102"), SharedSecret.decode("0x01:02").bytes());
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), SharedSecret.decode("0sSGVsbG8=").bytes());
        assertEquals("invalid hex secret (odd or zero number of digits)", badSecret("0x"));
        assertEquals("invalid hex secret (odd or zero number of digits)", badSecret("0x123"));
        assertEquals("invalid hex secret (non-hex character)", badSecret("0xzz"));
        assertEquals("invalid base64 secret", badSecret("0s"));
        assertEquals("invalid base64 secret", badSecret("0s!!!"));
    }

    private static String badSecret(String value) {
        return assertThrows(IllegalArgumentException.class, () -> SharedSecret.decode(value)).getMessage();
    }

    @Test
    void toStringRedactsAndDestroyZeroes() {
        SharedSecret s = SharedSecret.decode("hunter2-is-secret");
        assertEquals("SharedSecret[17 bytes, redacted]", s.toString());
        SecretConfig config = new SecretConfig(SecretConfig.Type.IKE, "ike", List.of("a"), s, null,
                new SourcePosition("f", 1));
        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertTrue(s.sameAs(SharedSecret.decode("hunter2-is-secret")));
        s.destroy();
        assertTrue(s.isDestroyed());
        assertThrows(IllegalStateException.class, s::bytes);
    }
}
