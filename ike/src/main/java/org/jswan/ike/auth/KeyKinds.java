package org.jswan.ike.auth;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;

/** Classifies JCA keys (JDK or BouncyCastle) into the families IKE signs with, and their sizes. */
final class KeyKinds {

    private KeyKinds() {
    }

    /** @return the kind, or {@code null} for keys IKE cannot sign with (DSA, X25519, ...) */
    static SignatureScheme.KeyKind of(final Key key) {
        if (key instanceof RSAKey) {
            return SignatureScheme.KeyKind.RSA;
        }
        if (key instanceof ECKey) {
            return SignatureScheme.KeyKind.EC;
        }
        String name = key instanceof EdECKey ? ((EdECKey) key).getParams().getName() : key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(name)) {
            return SignatureScheme.KeyKind.ED25519;
        }
        if ("Ed448".equalsIgnoreCase(name)) {
            return SignatureScheme.KeyKind.ED448;
        }
        return null;
    }

    /** Modulus bits for RSA, field bits for EC (256, 384, 521), 0 otherwise. */
    static int size(final Key key) {
        if (key instanceof RSAKey) {
            return ((RSAKey) key).getModulus().bitLength();
        }
        if (key instanceof ECKey) {
            return ((ECKey) key).getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }
}
