package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HmacPrfTest {

    @Test
    void publishedPrfAndIntegrityVectors() throws Exception {
        final List<VectorFile.Block> blocks = VectorFile.read("crypto/hmac-sha2/rfc4231-rfc4868.txt");
        int prfs = 0;
        int integs = 0;
        for (final VectorFile.Block b : blocks) {
            if (b.has("prf")) {
                final HmacPrf prf = HmacPrf.of(Algorithm.valueOf(b.get("prf")));
                assertArrayEquals(b.hex("out"), prf.apply(b.hex("key"), b.hex("data")), b.values().toString());
                prfs++;
            } else {
                final Algorithm integ = Algorithm.valueOf(b.get("integ"));
                assertArrayEquals(b.hex("icv"), CbcHmacSkCipher.integrityCheck(integ, b.hex("key"), b.hex("data")),
                        b.values().toString());
                integs++;
            }
        }
        assertEquals(15, prfs);
        assertEquals(9, integs);
    }

    @Test
    void lengthsFollowRfc4868() {
        assertEquals(32, HmacPrf.of(Algorithm.PRF_HMAC_SHA2_256).outputLength());
        assertEquals(48, HmacPrf.of(Algorithm.PRF_HMAC_SHA2_384).preferredKeyLength());
        assertEquals(7, HmacPrf.ofTransformId(7).transformId());
        assertThrows(IllegalArgumentException.class, () -> HmacPrf.ofTransformId(2));
        assertThrows(IllegalArgumentException.class, () -> HmacPrf.of(Algorithm.AES_CBC_128));
    }

    @Test
    void emptyKeyIsAccepted() {
        // RFC 2104 allows a zero-length key (used for nothing in IKE, but prf must not crash on it)
        assertEquals(32, HmacPrf.of(Algorithm.PRF_HMAC_SHA2_256).apply(new byte[0], new byte[] {1}).length);
    }
}
