package org.jswan.ike.cred;

import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate path that validated: end entity first, then intermediates; {@code anchor} is the trusted CA. */
public record ValidatedChain(List<X509Certificate> path, X509Certificate anchor) {

    public ValidatedChain {
        path = List.copyOf(path);
    }

    public X509Certificate endEntity() {
        return path.get(0);
    }
}
