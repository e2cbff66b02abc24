package org.jswan.ike.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** PRF_HMAC_SHA2_256/384/512 (RFC 4868 §2.1) on the JCA {@link Mac}. */
public final class HmacPrf implements Prf {
    private final Algorithm algorithm;
    private final String jcaName;

    private HmacPrf(final Algorithm algorithm, final String jcaName) {
        this.algorithm = algorithm;
        this.jcaName = jcaName;
    }

    /** The PRF for a negotiated PRF transform. */
    public static HmacPrf of(final Algorithm prf) {
        switch (prf) {
            case PRF_HMAC_SHA2_256:
                return new HmacPrf(prf, "HmacSHA256");
            case PRF_HMAC_SHA2_384:
                return new HmacPrf(prf, "HmacSHA384");
            case PRF_HMAC_SHA2_512:
                return new HmacPrf(prf, "HmacSHA512");
            default:
                throw new IllegalArgumentException("not a supported PRF: " + prf);
        }
    }

    /** The PRF for an IANA PRF transform ID (Transform Type 2). */
    public static HmacPrf ofTransformId(final int id) {
        return of(Algorithm.find(TransformType.PRF, id, 0)
                .orElseThrow(() -> new IllegalArgumentException("unsupported PRF transform " + id)));
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public int transformId() {
        return algorithm.transformId();
    }

    @Override
    public int outputLength() {
        return algorithm.keyBytes();
    }

    @Override
    public int preferredKeyLength() {
        // RFC 4868 §2.2/§2.3: the HMAC PRFs use keys of the hash output length.
        return algorithm.keyBytes();
    }

    @Override
    public byte[] apply(final byte[] key, final byte[] data) {
        final Mac mac = newMac(key);
        return mac.doFinal(data);
    }

    /** A keyed Mac, for prf+ which applies the same key many times. */
    Mac newMac(final byte[] key) {
        try {
            final Mac mac = Mac.getInstance(jcaName);
            // HMAC accepts any key length (RFC 2104 §2); SecretKeySpec refuses only an empty key.
            mac.init(key.length == 0 ? EmptyKey.INSTANCE : new SecretKeySpec(key, jcaName));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }

    @Override
    public String toString() {
        return algorithm.name();
    }

    /** SecretKeySpec rejects zero-length keys, which RFC 2104 allows. */
    private static final class EmptyKey implements javax.crypto.SecretKey {
        static final EmptyKey INSTANCE = new EmptyKey();
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "HMAC";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}
