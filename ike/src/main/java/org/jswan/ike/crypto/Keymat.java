package org.jswan.ike.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * IKEv2 key derivation (RFC 7296 §2.13-§2.18) and AUTH octets (§2.15), strongSwan {@code keymat_v2} analogue.
 * Tasks never call prf+ themselves. Stateless.
 */
public final class Keymat {
    /** RFC 7296 §2.15: the pad string for shared-key authentication, without a terminator. */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private Keymat() {
    }

    /**
     * Initial IKE SA keys, RFC 7296 §2.14:
     * <pre>
     * SKEYSEED = prf(Ni | Nr, g^ir)
     * {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+ (SKEYSEED, Ni | Nr | SPIi | SPIr)
     * </pre>
     * The HMAC PRFs take the whole Ni | Nr as key; the "first half of each nonce" rule applies only to PRFs with
     * a fixed key size (AES-XCBC/CMAC), which jswan does not implement.
     */
    public static IkeSaKeys deriveIkeKeys(final NegotiatedTransforms t, final byte[] ni, final byte[] nr,
                                          final Secret gir, final byte[] spiI, final byte[] spiR) {
        final Prf prf = HmacPrf.of(requirePrf(t));
        final byte[] nonces = concat(ni, nr);
        final byte[] skeyseed = prf.apply(nonces, gir.unsafeBytes());
        try {
            return expandIkeKeys(t, prf, skeyseed, ni, nr, spiI, spiR);
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
        }
    }

    /**
     * Keys of an IKE SA created by rekeying, RFC 7296 §2.18:
     * <pre>SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)</pre>
     * computed with the OLD IKE SA's PRF, then expanded as in §2.14 with the new SA's PRF and SPIs.
     */
    public static IkeSaKeys deriveRekeyedIkeKeys(final Prf oldPrf, final Secret oldSkD, final NegotiatedTransforms t,
                                                 final Secret gir, final byte[] ni, final byte[] nr,
                                                 final byte[] spiI, final byte[] spiR) {
        final byte[] skeyseed = rekeySkeyseed(oldPrf, oldSkD, gir, ni, nr);
        try {
            return expandIkeKeys(t, HmacPrf.of(requirePrf(t)), skeyseed, ni, nr, spiI, spiR);
        } finally {
            Arrays.fill(skeyseed, (byte) 0);
        }
    }

    /** SKEYSEED of a rekeyed IKE SA, RFC 7296 §2.18; exposed for test vectors (NIST CAVP "SKEYSEED(Rekey)"). */
    public static byte[] rekeySkeyseed(final Prf oldPrf, final Secret oldSkD, final Secret gir, final byte[] ni,
                                       final byte[] nr) {
        final byte[] seed = concat(gir.unsafeBytes(), ni, nr);
        try {
            return oldPrf.apply(oldSkD.unsafeBytes(), seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** SKEYSEED as defined in RFC 7296 §2.14, exposed for test vectors (NIST CAVP SP 800-135). */
    public static byte[] skeyseed(final Prf prf, final byte[] ni, final byte[] nr, final Secret gir) {
        return prf.apply(concat(ni, nr), gir.unsafeBytes());
    }

    private static IkeSaKeys expandIkeKeys(final NegotiatedTransforms t, final Prf prf, final byte[] skeyseed,
                                           final byte[] ni, final byte[] nr, final byte[] spiI, final byte[] spiR) {
        requireSpi(spiI, "SPIi");
        requireSpi(spiR, "SPIr");
        final int prfKey = prf.preferredKeyLength();
        final int integ = t.integrityKeyLength();
        final int encr = t.encryptionKeyLength();
        final byte[] seed = concat(ni, nr, spiI, spiR);
        final byte[] km = PrfPlus.derive(prf, skeyseed, seed, prfKey + 2 * integ + 2 * encr + 2 * prfKey);
        try {
            final Splitter s = new Splitter(km);
            return new IkeSaKeys(t, s.next(prfKey), s.next(integ), s.next(integ), s.next(encr), s.next(encr),
                    s.next(prfKey), s.next(prfKey));
        } finally {
            Arrays.fill(km, (byte) 0);
        }
    }

    /**
     * CHILD_SA keys, RFC 7296 §2.17: {@code KEYMAT = prf+(SK_d, [g^ir (new) |] Ni | Nr)}, taken as encryption key
     * i→r, integrity key i→r, encryption key r→i, integrity key r→i. For CREATE_CHILD_SA without a KE payload
     * (and the CHILD_SA of IKE_AUTH) {@code gir} is null; Ni/Nr are then those of the exchange.
     */
    public static ChildSaKeys deriveChildKeys(final Prf prf, final Secret skD, final NegotiatedTransforms t,
                                              final Secret gir, final byte[] ni, final byte[] nr) {
        final byte[] seed = gir == null ? concat(ni, nr) : concat(gir.unsafeBytes(), ni, nr);
        final int encr = t.encryptionKeyLength();
        final int integ = t.integrityKeyLength();
        final byte[] km = PrfPlus.derive(prf, skD.unsafeBytes(), seed, 2 * (encr + integ));
        Arrays.fill(seed, (byte) 0);
        try {
            final Splitter s = new Splitter(km);
            return new ChildSaKeys(t, s.next(encr), s.next(integ), s.next(encr), s.next(integ));
        } finally {
            Arrays.fill(km, (byte) 0);
        }
    }

    /**
     * The octets signed or MACed by AUTH, RFC 7296 §2.15:
     * <pre>
     * InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI
     * MACedIDForI = prf(SK_pi, RestOfInitIDPayload)
     * </pre>
     * and symmetrically for the responder (RealMessage2 | NonceIData | prf(SK_pr, IDr')).
     *
     * @param message     the whole first message sent by the signer (IKE_SA_INIT request or response), as sent
     * @param peerNonce   the nonce data of the OTHER party's IKE_SA_INIT message
     * @param skP         SK_pi for the initiator's AUTH, SK_pr for the responder's
     * @param idPayloadBody the signer's ID payload body from the ID Type octet on (IDx', without the generic header)
     */
    public static byte[] authOctets(final byte[] message, final byte[] peerNonce, final Prf prf, final Secret skP,
                                    final byte[] idPayloadBody) {
        final byte[] macedId = prf.apply(skP.unsafeBytes(), idPayloadBody);
        return concat(message, peerNonce, macedId);
    }

    /** Shared key AUTH data, RFC 7296 §2.15: {@code prf(prf(Shared Secret, "Key Pad for IKEv2"), octets)}. */
    public static byte[] pskAuth(final Prf prf, final Secret sharedSecret, final byte[] octets) {
        final byte[] padded = prf.apply(sharedSecret.unsafeBytes(), KEY_PAD);
        try {
            return prf.apply(padded, octets);
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    private static Algorithm requirePrf(final NegotiatedTransforms t) {
        if (t.prf() == null) {
            throw new IllegalArgumentException("IKE SA transforms need a PRF");
        }
        return t.prf();
    }

    private static void requireSpi(final byte[] spi, final String name) {
        if (spi.length != 8) {
            throw new IllegalArgumentException(name + " must be 8 bytes (RFC 7296 §3.1), got " + spi.length);
        }
    }

    static byte[] concat(final byte[]... parts) {
        int len = 0;
        for (final byte[] p : parts) {
            len += p.length;
        }
        final byte[] out = new byte[len];
        int off = 0;
        for (final byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    /** Cuts consecutive keys off a KEYMAT buffer. */
    private static final class Splitter {
        private final byte[] km;
        private int offset;

        Splitter(final byte[] km) {
            this.km = km;
        }

        Secret next(final int length) {
            if (length == 0) {
                return Secret.empty();
            }
            final Secret s = Secret.wrap(Arrays.copyOfRange(km, offset, offset + length));
            offset += length;
            return s;
        }
    }
}
