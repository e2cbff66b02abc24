package org.jswan.ike.proposal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jswan.ike.crypto.Algorithm;

/**
 * strongSwan's proposal keywords for the algorithms jswan implements (names as in strongSwan's "IKEv2 Cipher
 * Suites" documentation). Integrity keywords ({@code sha256}) denote HMAC-SHA2 with the RFC 4868 truncation;
 * the parser derives an IKE PRF from them when none is given, as strongSwan does.
 */
final class ProposalKeywords {
    private static final Map<String, Algorithm> KEYWORDS = build();

    private ProposalKeywords() {
    }

    private static Map<String, Algorithm> build() {
        final Map<String, Algorithm> m = new LinkedHashMap<>();
        // Encryption: AES-CBC (RFC 3602), "aes" alone means 128-bit.
        m.put("aes", Algorithm.AES_CBC_128);
        m.put("aes128", Algorithm.AES_CBC_128);
        m.put("aes192", Algorithm.AES_CBC_192);
        m.put("aes256", Algorithm.AES_CBC_256);
        // AES-GCM with 16-byte ICV (RFC 5282); the "gcm128" spelling counts the ICV in bits.
        m.put("aes128gcm16", Algorithm.AES_GCM_16_128);
        m.put("aes192gcm16", Algorithm.AES_GCM_16_192);
        m.put("aes256gcm16", Algorithm.AES_GCM_16_256);
        m.put("aes128gcm128", Algorithm.AES_GCM_16_128);
        m.put("aes192gcm128", Algorithm.AES_GCM_16_192);
        m.put("aes256gcm128", Algorithm.AES_GCM_16_256);
        m.put("chacha20poly1305", Algorithm.CHACHA20_POLY1305);
        // Integrity (RFC 4868)
        m.put("sha256", Algorithm.HMAC_SHA2_256_128);
        m.put("sha2_256", Algorithm.HMAC_SHA2_256_128);
        m.put("sha384", Algorithm.HMAC_SHA2_384_192);
        m.put("sha2_384", Algorithm.HMAC_SHA2_384_192);
        m.put("sha512", Algorithm.HMAC_SHA2_512_256);
        m.put("sha2_512", Algorithm.HMAC_SHA2_512_256);
        // PRF (RFC 4868)
        m.put("prfsha256", Algorithm.PRF_HMAC_SHA2_256);
        m.put("prfsha384", Algorithm.PRF_HMAC_SHA2_384);
        m.put("prfsha512", Algorithm.PRF_HMAC_SHA2_512);
        // Key exchange: RFC 3526 MODP, RFC 5903 ECP, RFC 8031 Curve25519/448
        m.put("modp2048", Algorithm.MODP_2048);
        m.put("modp3072", Algorithm.MODP_3072);
        m.put("modp4096", Algorithm.MODP_4096);
        m.put("ecp256", Algorithm.ECP_256);
        m.put("ecp384", Algorithm.ECP_384);
        m.put("ecp521", Algorithm.ECP_521);
        m.put("x25519", Algorithm.CURVE_25519);
        m.put("curve25519", Algorithm.CURVE_25519);
        m.put("x448", Algorithm.CURVE_448);
        m.put("curve448", Algorithm.CURVE_448);
        // Extended sequence numbers (ESP only)
        m.put("esn", Algorithm.EXT_SEQ);
        m.put("noesn", Algorithm.NO_EXT_SEQ);
        return Collections.unmodifiableMap(m);
    }

    /** The algorithm for a keyword (case-insensitive), or null. */
    static Algorithm lookup(final String keyword) {
        return KEYWORDS.get(keyword.toLowerCase(java.util.Locale.ROOT));
    }

    static Set<String> all() {
        return KEYWORDS.keySet();
    }

    /** The PRF strongSwan derives from an integrity keyword when an IKE proposal names none. */
    static Algorithm prfFor(final Algorithm integrity) {
        switch (integrity) {
            case HMAC_SHA2_256_128:
                return Algorithm.PRF_HMAC_SHA2_256;
            case HMAC_SHA2_384_192:
                return Algorithm.PRF_HMAC_SHA2_384;
            case HMAC_SHA2_512_256:
                return Algorithm.PRF_HMAC_SHA2_512;
            default:
                return null;
        }
    }

    /** The known keyword closest to {@code unknown} by edit distance, or null when none is reasonably close. */
    static String suggest(final String unknown) {
        final String u = unknown.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String k : KEYWORDS.keySet()) {
            final int d = editDistance(u, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, u.length() / 3) ? best : null;
    }

    /** Levenshtein distance. */
    static int editDistance(final String a, final String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            final int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
