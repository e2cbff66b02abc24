package org.jswan.ike.crypto;

/**
 * The seven IKE SA keys of RFC 7296 §2.14, in prf+ order. SK_ai/SK_ar are empty for AEAD ciphers. {@link #toString()}
 * shows lengths only.
 */
public record IkeSaKeys(NegotiatedTransforms transforms, Secret skD, Secret skAi, Secret skAr, Secret skEi,
                        Secret skEr, Secret skPi, Secret skPr) {

    /** The PRF negotiated for this IKE SA. */
    public Prf prf() {
        return HmacPrf.of(transforms.prf());
    }

    /** Protects messages sent by the original initiator (SK_ei, SK_ai). */
    public SkCipher initiatorToResponder() {
        return SkCipherFactory.create(transforms, skEi, skAi);
    }

    /** Protects messages sent by the original responder (SK_er, SK_ar). */
    public SkCipher responderToInitiator() {
        return SkCipherFactory.create(transforms, skEr, skAr);
    }

    /** Zeroes every key. */
    public void destroy() {
        for (final Secret s : new Secret[] {skD, skAi, skAr, skEi, skEr, skPi, skPr}) {
            s.destroy();
        }
    }
}
