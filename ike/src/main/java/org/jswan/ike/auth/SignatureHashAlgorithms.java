package org.jswan.ike.auth;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.message.HashAlgorithm;

/**
 * Notification data of SIGNATURE_HASH_ALGORITHMS (16431; RFC 7427 §4): a list of 2-byte hash algorithm ids.
 */
public record SignatureHashAlgorithms(List<HashAlgorithm> algorithms) {

    /** More than this many ids is not a plausible list; IANA has five assigned. */
    public static final int MAX_COUNT = 64;

    /** What jswan announces, strongSwan's default set: SHA2-256, SHA2-384, SHA2-512, Identity. */
    public static final SignatureHashAlgorithms DEFAULT = new SignatureHashAlgorithms(List.of(
            HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_384, HashAlgorithm.SHA2_512, HashAlgorithm.IDENTITY));

    public SignatureHashAlgorithms {
        algorithms = List.copyOf(algorithms);
    }

    public boolean contains(final HashAlgorithm h) {
        return algorithms.contains(h);
    }

    public byte[] encode() {
        byte[] out = new byte[2 * algorithms.size()];
        for (int i = 0; i < algorithms.size(); i++) {
            int v = algorithms.get(i).value();
            out[2 * i] = (byte) (v >>> 8);
            out[2 * i + 1] = (byte) v;
        }
        return out;
    }

    /** Unknown ids are kept (open enum) so the caller can ignore them. */
    public static SignatureHashAlgorithms decode(final byte[] data) throws AuthException {
        if (data.length % 2 != 0) {
            throw new AuthException("SIGNATURE_HASH_ALGORITHMS data has odd length " + data.length);
        }
        if (data.length / 2 > MAX_COUNT) {
            throw new AuthException("SIGNATURE_HASH_ALGORITHMS lists " + data.length / 2 + " ids, limit " + MAX_COUNT);
        }
        List<HashAlgorithm> list = new ArrayList<>(data.length / 2);
        for (int i = 0; i < data.length; i += 2) {
            list.add(HashAlgorithm.valueOf(((data[i] & 0xff) << 8) | (data[i + 1] & 0xff)));
        }
        return new SignatureHashAlgorithms(list);
    }
}
