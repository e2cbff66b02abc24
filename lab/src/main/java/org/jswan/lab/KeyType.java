package org.jswan.lab;

/** Key types the test PKI can issue, with the signature algorithm a key of that type signs with. */
public enum KeyType {
    RSA_2048("RSA", "SHA256withRSA"),
    RSA_3072("RSA", "SHA256withRSA"),
    /** Large enough that IKE_AUTH messages outgrow a 1280-byte datagram (RFC 7383 fragmentation). */
    RSA_4096("RSA", "SHA256withRSA"),
    ECDSA_P256("EC", "SHA256withECDSA"),
    ED25519("Ed25519", "Ed25519");

    private final String jcaAlgorithm;
    private final String signatureAlgorithm;

    KeyType(String jcaAlgorithm, String signatureAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
