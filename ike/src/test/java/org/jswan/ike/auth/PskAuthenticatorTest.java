package org.jswan.ike.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jswan.ike.message.AuthMethod;

import org.junit.jupiter.api.Test;

class PskAuthenticatorTest {

    private static final byte[] PSK = "This is a strong password".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTETS = "message || nonce || prf(SK_p, ID')".getBytes(StandardCharsets.US_ASCII);

    private final PskAuthenticator auth = new PskAuthenticator(new HmacSha256Prf());

    @Test
    void computesRfc7296KeyPadConstruction() throws Exception {
        // independent: RFC 7296 §2.15 written out with javax.crypto.Mac
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PSK, "HmacSHA256"));
        byte[] padded = mac.doFinal("Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII));
        mac.init(new SecretKeySpec(padded, "HmacSHA256"));
        byte[] expected = mac.doFinal(OCTETS);

        AuthData a = auth.build(PSK, OCTETS);
        assertEquals(AuthMethod.SHARED_KEY_MIC, a.method());
        assertArrayEquals(expected, a.data());
        auth.verify(PSK, OCTETS, a);
    }

    @Test
    void rejectsWrongKeyOctetsMethodOrLength() {
        AuthData a = auth.build(PSK, OCTETS);
        assertThrows(AuthException.class, () -> auth.verify("wrong".getBytes(StandardCharsets.US_ASCII), OCTETS, a));
        byte[] other = OCTETS.clone();
        other[3] ^= 1;
        assertThrows(AuthException.class, () -> auth.verify(PSK, other, a));
        assertThrows(AuthException.class, () -> auth.verify(PSK, OCTETS,
                new AuthData(AuthMethod.RSA_DIGITAL_SIGNATURE, a.data())));
        byte[] shorter = java.util.Arrays.copyOf(a.data(), 31);
        assertThrows(AuthException.class, () -> auth.verify(PSK, OCTETS,
                new AuthData(AuthMethod.SHARED_KEY_MIC, shorter)));
        AuthException e = assertThrows(AuthException.class, () -> auth.verify(PSK, OCTETS,
                new AuthData(AuthMethod.SHARED_KEY_MIC, new byte[32])));
        assertEquals(24, e.notifyType());
    }
}
