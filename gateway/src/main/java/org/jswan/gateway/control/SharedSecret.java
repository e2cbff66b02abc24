package org.jswan.gateway.control;

import java.util.List;

/**
 * A {@code load-shared} secret: its {@code id} (swanctl sends the section name, e.g. {@code ike-site-b}; null if
 * none), {@code type} IKE|EAP|XAUTH|PPK, the owner identities, and the secret bytes. The secret never appears in
 * {@link #toString()}.
 */
public record SharedSecret(String id, String type, List<String> owners, byte[] secret) {
    public SharedSecret {
        owners = List.copyOf(owners);
        secret = secret.clone();
    }

    /** A secret without id. */
    public SharedSecret(final String type, final List<String> owners, final byte[] secret) {
        this(null, type, owners, secret);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SharedSecret s && java.util.Objects.equals(s.id, id) && s.type.equals(type)
                && s.owners.equals(owners)
                && java.security.MessageDigest.isEqual(s.secret, secret);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + owners.hashCode();
    }

    @Override
    public String toString() {
        return "SharedSecret[id=" + id + ", type=" + type + ", owners=" + owners + ", secret=<redacted>]";
    }
}
