package org.jswan.ike.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.jswan.ike.crypto.Prf;
import org.jswan.ike.message.AuthMethod;

/**
 * Shared Key Message Integrity Code (auth method 2; RFC 7296 §2.15):
 * {@code AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), <signed octets>)}. The signed octets are built by
 * the caller (Keymat) and passed in as bytes.
 */
public final class PskAuthenticator {

    /** RFC 7296 §2.15: the 17 ASCII characters, no terminating NUL. */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private final Prf prf;

    public PskAuthenticator(final Prf prf) {
        this.prf = prf;
    }

    public AuthData build(final byte[] psk, final byte[] signedOctets) {
        return new AuthData(AuthMethod.SHARED_KEY_MIC, compute(psk, signedOctets));
    }

    /** Verifies in constant time, so an attacker learns nothing from the comparison timing. */
    public void verify(final byte[] psk, final byte[] signedOctets, final AuthData received) throws AuthException {
        if (!received.method().equals(AuthMethod.SHARED_KEY_MIC)) {
            throw new AuthException("expected AUTH method " + AuthMethod.SHARED_KEY_MIC + ", got " + received.method());
        }
        byte[] expected = compute(psk, signedOctets);
        byte[] got = received.data();
        boolean ok = MessageDigest.isEqual(expected, got);
        Arrays.fill(expected, (byte) 0);
        if (!ok) {
            throw new AuthException("shared key AUTH data does not verify (wrong PSK?)");
        }
    }

    private byte[] compute(final byte[] psk, final byte[] signedOctets) {
        byte[] padKey = prf.apply(psk, KEY_PAD);
        try {
            return prf.apply(padKey, signedOctets);
        } finally {
            Arrays.fill(padKey, (byte) 0);
        }
    }
}
