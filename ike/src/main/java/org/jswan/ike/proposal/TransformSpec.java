package org.jswan.ike.proposal;

import java.util.Optional;
import org.jswan.ike.crypto.Algorithm;
import org.jswan.ike.crypto.TransformType;

/**
 * One transform as negotiated (RFC 7296 §3.3.2): type, IANA ID and the Key Length attribute in bits (0 when the
 * transform carries none, §3.3.5). Neutral: the message codec maps its wire records to and from this.
 */
public record TransformSpec(int type, int id, int keyLength) {

    public static TransformSpec of(final Algorithm a) {
        return new TransformSpec(a.type(), a.transformId(), a.keyLengthBits());
    }

    /** The supported algorithm this denotes, if jswan implements it. */
    public Optional<Algorithm> algorithm() {
        return Algorithm.find(type, id, keyLength);
    }

    @Override
    public String toString() {
        return algorithm().map(Algorithm::name)
                .orElse(TransformType.name(type) + "_" + id + (keyLength != 0 ? "_" + keyLength : ""));
    }
}
