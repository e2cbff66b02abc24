package org.jswan.ike.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.generators.DHBasicKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/** MODP Diffie-Hellman with the RFC 3526 groups 14, 15 and 16 (primes taken from BouncyCastle's tables). */
final class ModpKeyExchange implements KeyExchange {
    private final int group;
    private final DHParameters params;
    private final int length;
    private DHPrivateKeyParameters privateKey;
    private final byte[] publicValue;

    ModpKeyExchange(final int group, final SecureRandom random) {
        this.group = group;
        this.params = parameters(group);
        this.length = (params.getP().bitLength() + 7) / 8;
        final DHBasicKeyPairGenerator gen = new DHBasicKeyPairGenerator();
        gen.init(new DHKeyGenerationParameters(random, params));
        final AsymmetricCipherKeyPair pair = gen.generateKeyPair();
        this.privateKey = (DHPrivateKeyParameters) pair.getPrivate();
        this.publicValue = BigIntegers.asUnsignedByteArray(length, ((DHPublicKeyParameters) pair.getPublic()).getY());
    }

    static DHParameters parameters(final int group) {
        switch (group) {
            case 14:
                return DHStandardGroups.rfc3526_2048;
            case 15:
                return DHStandardGroups.rfc3526_3072;
            case 16:
                return DHStandardGroups.rfc3526_4096;
            default:
                throw new IllegalArgumentException("unsupported MODP group " + group);
        }
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
        if (privateKey == null) {
            throw new IllegalStateException("key exchange destroyed");
        }
        // RFC 7296 §3.4: the public value is exactly as long as the prime, zero-padded on the left.
        if (peerPublic.length != length) {
            throw new IkeCryptoException("MODP group " + group + " public value must be " + length + " bytes, got "
                    + peerPublic.length);
        }
        final BigInteger y = new BigInteger(1, peerPublic);
        final BigInteger p = params.getP();
        // Reject 0, 1 and p-1 (and anything >= p): they force a predictable shared secret.
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new IkeCryptoException("MODP group " + group + " public value out of range");
        }
        try {
            final DHBasicAgreement agreement = new DHBasicAgreement();
            agreement.init(privateKey);
            final BigInteger z = agreement.calculateAgreement(new DHPublicKeyParameters(y, params));
            // RFC 7296 §2.14: g^ir is padded with zeros to the length of the modulus.
            return Secret.wrap(BigIntegers.asUnsignedByteArray(length, z));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IkeCryptoException("MODP group " + group + " public value rejected: " + e.getMessage());
        }
    }

    @Override
    public void destroy() {
        privateKey = null; // BigInteger cannot be wiped; dropping the reference is the best the JVM allows
    }

    @Override
    public boolean isDestroyed() {
        return privateKey == null;
    }

    @Override
    public String toString() {
        return "ModpKeyExchange[" + group + "]";
    }
}
