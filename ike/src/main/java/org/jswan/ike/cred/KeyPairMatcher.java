package org.jswan.ike.cred;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/**
 * Tells whether a private key belongs to a public key. RSA compares moduli; other keys (EC, EdDSA) sign a fixed
 * probe and verify it, which needs no point arithmetic of our own.
 */
final class KeyPairMatcher {

    private static final byte[] PROBE = "jswan key pair probe".getBytes(StandardCharsets.US_ASCII);

    private KeyPairMatcher() {
    }

    static boolean matches(final PrivateKey priv, final PublicKey pub) {
        if (priv instanceof RSAKey && pub instanceof RSAKey) {
            return ((RSAKey) priv).getModulus().equals(((RSAKey) pub).getModulus());
        }
        if (priv instanceof RSAKey || pub instanceof RSAKey) {
            return false;
        }
        String alg;
        if (priv instanceof ECKey && pub instanceof ECKey) {
            alg = "SHA256withECDSA";
        } else if (!(priv instanceof ECKey) && !(pub instanceof ECKey)) {
            alg = edName(priv);
            if (alg == null || !alg.equalsIgnoreCase(edName(pub))) {
                return false;
            }
        } else {
            return false;
        }
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(priv);
            s.update(PROBE);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(PROBE);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String edName(final java.security.Key key) {
        String name = key instanceof java.security.interfaces.EdECKey
                ? ((java.security.interfaces.EdECKey) key).getParams().getName() : key.getAlgorithm();
        return "Ed25519".equalsIgnoreCase(name) || "Ed448".equalsIgnoreCase(name) ? name : null;
    }
}
