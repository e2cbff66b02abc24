package org.jswan.ike.message;

/**
 * Encrypted and Authenticated payload, SK{...} (RFC 7296 §3.14), as it is on the wire. Its Next Payload field
 * holds the type of the first inner payload; it is always the last payload of a message.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Initialization Vector                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                    Encrypted IKE Payloads                     ~
 * +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               |             Padding (0-255 octets)            |
 * +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
 * |                                               |  Pad Length   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                    Integrity Checksum Data                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param firstInner the type of the first payload inside
 * @param sealed     {@code IV || ciphertext || ICV}, as {@code SkCipher.seal} produces it
 */
public record EncryptedPayload(PayloadType firstInner, byte[] sealed) implements Payload {

    @Override
    public PayloadType type() {
        return PayloadType.SK;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.bytes(sealed);
    }
}
