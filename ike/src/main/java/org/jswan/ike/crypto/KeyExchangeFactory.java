package org.jswan.ike.crypto;

import java.security.SecureRandom;

/** Creates a {@link KeyExchange} with a fresh private key for a KE method number. */
public final class KeyExchangeFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyExchangeFactory() {
    }

    /** True when {@link #create(int)} accepts this group. */
    public static boolean isSupported(final int group) {
        return Algorithm.keGroup(group).isPresent();
    }

    public static KeyExchange create(final int group) {
        return create(group, RANDOM);
    }

    /** @throws IllegalArgumentException for a group jswan does not implement */
    public static KeyExchange create(final int group, final SecureRandom random) {
        switch (group) {
            case 14:
            case 15:
            case 16:
                return new ModpKeyExchange(group, random);
            case 19:
            case 20:
            case 21:
                return new EcpKeyExchange(group, random);
            case 31:
            case 32:
                return new XdhKeyExchange(group, random);
            default:
                throw new IllegalArgumentException("unsupported key exchange method " + group);
        }
    }
}
