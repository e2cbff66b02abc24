package org.jswan.ike.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;

/**
 * Curve25519 (group 31) and Curve448 (group 32) for IKEv2, RFC 8031. KE data and shared secret are the raw
 * RFC 7748 byte strings (32 / 56 bytes); an all-zero shared secret is rejected (RFC 8031 §2).
 */
final class XdhKeyExchange implements KeyExchange {
    private final int group;
    private final int length;
    private final byte[] privateKey;
    private final byte[] publicValue;
    private boolean destroyed;

    XdhKeyExchange(final int group, final SecureRandom random) {
        this(group, generate(group, random));
    }

    /** With a given private scalar (32 or 56 bytes); for published test vectors. */
    XdhKeyExchange(final int group, final byte[] privateKey) {
        this.group = group;
        this.length = lengthOf(group);
        if (privateKey.length != length) {
            throw new IllegalArgumentException("private key must be " + length + " bytes");
        }
        this.privateKey = privateKey.clone();
        this.publicValue = new byte[length];
        if (group == 31) {
            X25519.generatePublicKey(this.privateKey, 0, publicValue, 0);
        } else {
            X448.generatePublicKey(this.privateKey, 0, publicValue, 0);
        }
    }

    private static int lengthOf(final int group) {
        switch (group) {
            case 31:
                return X25519.POINT_SIZE;
            case 32:
                return X448.POINT_SIZE;
            default:
                throw new IllegalArgumentException("unsupported XDH group " + group);
        }
    }

    private static byte[] generate(final int group, final SecureRandom random) {
        final byte[] k = new byte[lengthOf(group)];
        if (group == 31) {
            X25519.generatePrivateKey(random, k);
        } else {
            X448.generatePrivateKey(random, k);
        }
        return k;
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public Secret computeSharedSecret(final byte[] peerPublic) throws IkeCryptoException {
        if (destroyed) {
            throw new IllegalStateException("key exchange destroyed");
        }
        if (peerPublic.length != length) {
            throw new IkeCryptoException("group " + group + " public value must be " + length + " bytes, got "
                    + peerPublic.length);
        }
        final byte[] shared = new byte[length];
        final boolean nonZero = group == 31
                ? X25519.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0)
                : X448.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0);
        // RFC 8031 §2: the all-zero output (a low-order peer point) MUST be rejected.
        if (!nonZero) {
            throw new IkeCryptoException("group " + group + " shared secret is all zero (low-order public value)");
        }
        return Secret.wrap(shared);
    }

    @Override
    public void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "XdhKeyExchange[" + group + "]";
    }
}
