package org.jswan.ike.crypto;

/**
 * CHILD_SA keys of RFC 7296 §2.17, in KEYMAT order: encryption and integrity keys for initiator-to-responder
 * traffic, then for responder-to-initiator. AEAD encryption keys include the salt (RFC 4106 §8.1, RFC 7634 §2);
 * integrity keys are then empty.
 */
public record ChildSaKeys(NegotiatedTransforms transforms, Secret encrInitiatorToResponder,
                          Secret integInitiatorToResponder, Secret encrResponderToInitiator,
                          Secret integResponderToInitiator) {

    /** Zeroes every key. */
    public void destroy() {
        encrInitiatorToResponder.destroy();
        integInitiatorToResponder.destroy();
        encrResponderToInitiator.destroy();
        integResponderToInitiator.destroy();
    }
}
