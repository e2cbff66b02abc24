package org.jswan.ike.crypto;

import java.util.Arrays;
import javax.crypto.Mac;

/**
 * prf+ of RFC 7296 §2.13:
 * <pre>
 * prf+ (K,S) = T1 | T2 | T3 | T4 | ...
 * T1 = prf (K, S | 0x01)
 * Tn = prf (K, Tn-1 | S | n)
 * </pre>
 * The counter is one octet, so at most 255 blocks can be produced.
 */
public final class PrfPlus {
    /** RFC 7296 §2.13: "this function is only defined for up to 255 times". */
    public static final int MAX_ITERATIONS = 255;

    private PrfPlus() {
    }

    /** The first {@code length} bytes of prf+(key, seed). */
    public static byte[] derive(final Prf prf, final byte[] key, final byte[] seed, final int length) {
        if (length < 0 || length > MAX_ITERATIONS * prf.outputLength()) {
            throw new IllegalArgumentException("prf+ cannot produce " + length + " bytes with " + prf
                    + " (limit " + MAX_ITERATIONS * prf.outputLength() + ")");
        }
        final byte[] out = new byte[length];
        final Mac mac = prf instanceof HmacPrf ? ((HmacPrf) prf).newMac(key) : null;
        byte[] previous = new byte[0];
        int offset = 0;
        for (int n = 1; offset < length; n++) {
            final byte[] input = new byte[previous.length + seed.length + 1];
            System.arraycopy(previous, 0, input, 0, previous.length);
            System.arraycopy(seed, 0, input, previous.length, seed.length);
            input[input.length - 1] = (byte) n;
            final byte[] block = mac != null ? mac.doFinal(input) : prf.apply(key, input);
            Arrays.fill(previous, (byte) 0);
            Arrays.fill(input, (byte) 0);
            final int take = Math.min(block.length, length - offset);
            System.arraycopy(block, 0, out, offset, take);
            offset += take;
            previous = block;
        }
        Arrays.fill(previous, (byte) 0);
        return out;
    }
}
