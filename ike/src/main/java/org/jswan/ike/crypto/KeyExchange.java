package org.jswan.ike.crypto;

import javax.security.auth.Destroyable;

/**
 * One side of a key exchange (RFC 7296 §1.2, KE payload §3.4). A fresh instance holds a fresh private key;
 * use it for one exchange, then {@link #destroy()} it.
 */
public interface KeyExchange extends Destroyable {

    /** The IANA Key Exchange Method number ("Diffie-Hellman Group Num" in the KE payload). */
    int group();

    /**
     * Our public value exactly as it goes into the KE payload: left-padded g^x for MODP (§3.4), x | y for ECP
     * (RFC 5903 §7), the u-coordinate for Curve25519/448 (RFC 8031 §2).
     */
    byte[] publicValue();

    /**
     * Validates the peer's KE data and computes g^ir in the form the key derivation uses (§2.14: MODP padded to
     * the modulus length; ECP the x coordinate, RFC 5903 §7; X25519/X448 the raw output, RFC 8031 §2).
     *
     * @throws IkeCryptoException when the peer's value has the wrong length, is not a valid group element
     *         (0, 1, p-1, not on the curve), or the result is degenerate (all-zero X25519/X448 output)
     */
    Secret computeSharedSecret(byte[] peerPublic) throws IkeCryptoException;

    /** Forgets the private key; never throws. */
    @Override
    void destroy();
}
