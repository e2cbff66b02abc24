package org.jswan.ike.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDH over the NIST prime curves, RFC 5903: groups 19 (P-256), 20 (P-384), 21 (P-521). The KE data is
 * x | y, each coordinate padded to the field length (§7); the shared secret is the x coordinate of the product.
 */
final class EcpKeyExchange implements KeyExchange {
    private final int group;
    private final ECDomainParameters domain;
    private final int fieldLength;
    private BigInteger privateKey;
    private final byte[] publicValue;

    EcpKeyExchange(final int group, final SecureRandom random) {
        this(group, randomScalar(domainFor(group), random));
    }

    /** With a given private scalar; for published test vectors. */
    EcpKeyExchange(final int group, final BigInteger privateKey) {
        this.group = group;
        this.domain = domainFor(group);
        this.fieldLength = (domain.getCurve().getFieldSize() + 7) / 8;
        if (privateKey.signum() <= 0 || privateKey.compareTo(domain.getN()) >= 0) {
            throw new IllegalArgumentException("private scalar out of range");
        }
        this.privateKey = privateKey;
        this.publicValue = encode(domain.getG().multiply(privateKey).normalize());
    }

    private static ECDomainParameters domainFor(final int group) {
        final String name;
        switch (group) {
            case 19:
                name = "secp256r1";
                break;
            case 20:
                name = "secp384r1";
                break;
            case 21:
                name = "secp521r1";
                break;
            default:
                throw new IllegalArgumentException("unsupported ECP group " + group);
        }
        final X9ECParameters x9 = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    private static BigInteger randomScalar(final ECDomainParameters domain, final SecureRandom random) {
        return BigIntegers.createRandomInRange(BigInteger.ONE, domain.getN().subtract(BigInteger.ONE), random);
    }

    private byte[] encode(final ECPoint p) {
        final byte[] out = new byte[2 * fieldLength];
        System.arraycopy(BigIntegers.asUnsignedByteArray(fieldLength, p.getAffineXCoord().toBigInteger()), 0, out, 0,
                fieldLength);
        System.arraycopy(BigIntegers.asUnsignedByteArray(fieldLength, p.getAffineYCoord().toBigInteger()), 0, out,
                fieldLength, fieldLength);
        return out;
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
        if (peerPublic.length != 2 * fieldLength) {
            throw new IkeCryptoException("ECP group " + group + " public value must be " + 2 * fieldLength
                    + " bytes (x | y, RFC 5903 §7), got " + peerPublic.length);
        }
        final BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerPublic, 0, fieldLength));
        final BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerPublic, fieldLength, peerPublic.length));
        final ECPoint q;
        try {
            // validatePoint checks the coordinates are field elements and the point lies on the curve.
            q = domain.getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw new IkeCryptoException("ECP group " + group + " public value is not a point on the curve");
        }
        if (q.isInfinity() || !q.isValid()) {
            throw new IkeCryptoException("ECP group " + group + " public value is not a valid point");
        }
        final ECPoint shared = q.multiply(privateKey).normalize();
        if (shared.isInfinity()) {
            throw new IkeCryptoException("ECP group " + group + " shared point is the point at infinity");
        }
        return Secret.wrap(BigIntegers.asUnsignedByteArray(fieldLength, shared.getAffineXCoord().toBigInteger()));
    }

    @Override
    public void destroy() {
        privateKey = null;
    }

    @Override
    public boolean isDestroyed() {
        return privateKey == null;
    }

    @Override
    public String toString() {
        return "EcpKeyExchange[" + group + "]";
    }
}
