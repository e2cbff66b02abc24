package org.jswan.ike.auth;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jswan.ike.crypto.Prf;

/** Test double: PRF_HMAC_SHA2_256 (transform 5, RFC 4868) straight on the JDK Mac. */
final class HmacSha256Prf implements Prf {

    @Override
    public int transformId() {
        return 5;
    }

    @Override
    public int outputLength() {
        return 32;
    }

    @Override
    public int preferredKeyLength() {
        return 32;
    }

    @Override
    public byte[] apply(final byte[] key, final byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
