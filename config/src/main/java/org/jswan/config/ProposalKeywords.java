package org.jswan.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Syntax check of IKE/ESP proposal strings ({@code aes256gcm16-prfsha384-ecp384}, comma-separated) against the
 * algorithm keywords of strongSwan's proposal syntax. The SUPPORTED sets below are the one place that says which
 * algorithms jswan implements; extend them together with the ike/esp crypto. Keywords strongSwan knows but jswan
 * does not implement give a warning; unknown keywords give an error with a suggestion.
 */
public final class ProposalKeywords {

    /** Algorithm kinds of RFC 7296 §3.3.2 transform types (plus ESN). */
    public enum Kind { ENCRYPTION, AEAD, INTEGRITY, PRF, KEY_EXCHANGE, ESN }

    // ---- What jswan supports (extend here) ----
    static final Set<String> SUPPORTED_ENCRYPTION = Set.of("aes128", "aes192", "aes256");
    static final Set<String> SUPPORTED_AEAD = Set.of("aes128gcm16", "aes192gcm16", "aes256gcm16",
            "aes128gcm128", "aes192gcm128", "aes256gcm128", "chacha20poly1305");
    static final Set<String> SUPPORTED_INTEGRITY = Set.of("sha256", "sha384", "sha512",
            "sha2_256", "sha2_384", "sha2_512");
    static final Set<String> SUPPORTED_PRF = Set.of("prfsha256", "prfsha384", "prfsha512");
    static final Set<String> SUPPORTED_KEY_EXCHANGE = Set.of("modp2048", "modp3072", "modp4096",
            "ecp256", "ecp384", "ecp521", "x25519", "curve25519", "x448", "curve448");
    static final Set<String> SUPPORTED_ESN = Set.of("esn", "noesn");

    // ---- Known to strongSwan, not (yet) implemented by jswan ----
    static final Set<String> OTHER_ENCRYPTION = Set.of("3des", "des", "cast128", "blowfish", "blowfish128",
            "blowfish192", "blowfish256", "null", "aes128ctr", "aes192ctr", "aes256ctr", "camellia128",
            "camellia192", "camellia256", "camellia128ctr", "camellia192ctr", "camellia256ctr", "serpent128",
            "serpent192", "serpent256", "twofish128", "twofish192", "twofish256");
    static final Set<String> OTHER_AEAD = Set.of("aes128gcm8", "aes192gcm8", "aes256gcm8", "aes128gcm12",
            "aes192gcm12", "aes256gcm12", "aes128gcm64", "aes192gcm64", "aes256gcm64", "aes128gcm96",
            "aes192gcm96", "aes256gcm96", "aes128ccm8", "aes192ccm8", "aes256ccm8", "aes128ccm12", "aes192ccm12",
            "aes256ccm12", "aes128ccm16", "aes192ccm16", "aes256ccm16", "aes128gmac", "aes192gmac", "aes256gmac",
            "camellia128ccm8", "camellia128ccm12", "camellia128ccm16");
    static final Set<String> OTHER_INTEGRITY = Set.of("md5", "md5_128", "sha", "sha1", "sha1_160", "sha256_96",
            "sha2_256_96", "aesxcbc", "aescmac", "aes128gmac");
    static final Set<String> OTHER_PRF = Set.of("prfmd5", "prfsha1", "prfaesxcbc", "prfaescmac");
    static final Set<String> OTHER_KEY_EXCHANGE = Set.of("modp768", "modp1024", "modp1536", "modp6144",
            "modp8192", "modp1024s160", "modp2048s224", "modp2048s256", "ecp192", "ecp224", "ecp224bp",
            "ecp256bp", "ecp384bp", "ecp512bp", "mlkem512", "mlkem768", "mlkem1024");

    private ProposalKeywords() {
    }

    /** The kind of a keyword, or null if strongSwan does not know it. */
    public static Kind kindOf(String keyword) {
        String k = stripAdditionalKe(keyword);
        if (SUPPORTED_ENCRYPTION.contains(k) || OTHER_ENCRYPTION.contains(k)) {
            return Kind.ENCRYPTION;
        }
        if (SUPPORTED_AEAD.contains(k) || OTHER_AEAD.contains(k)) {
            return Kind.AEAD;
        }
        if (SUPPORTED_INTEGRITY.contains(k) || OTHER_INTEGRITY.contains(k)) {
            return Kind.INTEGRITY;
        }
        if (SUPPORTED_PRF.contains(k) || OTHER_PRF.contains(k)) {
            return Kind.PRF;
        }
        if (SUPPORTED_KEY_EXCHANGE.contains(k) || OTHER_KEY_EXCHANGE.contains(k)) {
            return Kind.KEY_EXCHANGE;
        }
        if (SUPPORTED_ESN.contains(k)) {
            return Kind.ESN;
        }
        return null;
    }

    /** True if jswan implements the keyword. */
    public static boolean isSupported(String keyword) {
        String k = stripAdditionalKe(keyword);
        return SUPPORTED_ENCRYPTION.contains(k) || SUPPORTED_AEAD.contains(k) || SUPPORTED_INTEGRITY.contains(k)
                || SUPPORTED_PRF.contains(k) || SUPPORTED_KEY_EXCHANGE.contains(k) || SUPPORTED_ESN.contains(k);
    }

    /** Every keyword jswan implements (for suggestions). */
    public static Set<String> supportedKeywords() {
        Set<String> all = new LinkedHashSet<>();
        all.addAll(SUPPORTED_AEAD);
        all.addAll(SUPPORTED_ENCRYPTION);
        all.addAll(SUPPORTED_INTEGRITY);
        all.addAll(SUPPORTED_PRF);
        all.addAll(SUPPORTED_KEY_EXCHANGE);
        all.addAll(SUPPORTED_ESN);
        return all;
    }

    /**
     * Checks a proposal list. Returns problems as {@code (isError, message)} pairs.
     *
     * @param ike true for IKE proposals (a key exchange method is required), false for ESP
     */
    static List<Finding> check(List<String> proposals, boolean ike) {
        List<Finding> out = new ArrayList<>();
        for (String proposal : proposals) {
            if (proposal.equals("default")) {
                continue;
            }
            Set<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
            boolean unknown = false;
            for (String token : proposal.split("-", -1)) {
                String t = token.toLowerCase(java.util.Locale.ROOT);
                if (t.isEmpty()) {
                    out.add(new Finding(true, "empty algorithm in proposal '" + proposal + "'"));
                    unknown = true;
                    continue;
                }
                if (t.equals("default")) {
                    continue;
                }
                Kind kind = kindOf(t);
                if (kind == null) {
                    out.add(new Finding(true, "unknown algorithm '" + token + "'"
                            + Suggestions.hint(t, supportedKeywords())));
                    unknown = true;
                } else {
                    kinds.add(kind);
                    if (!isSupported(t)) {
                        out.add(new Finding(false, "algorithm '" + token + "' is not supported by jswan"));
                    }
                    if (!ike && kind == Kind.PRF) {
                        out.add(new Finding(true, "PRF '" + token + "' is not allowed in an ESP proposal"));
                    }
                    if (ike && kind == Kind.ESN) {
                        out.add(new Finding(true, "'" + token + "' is only valid in ESP proposals"));
                    }
                }
            }
            if (unknown) {
                continue;
            }
            boolean hasCipher = kinds.contains(Kind.ENCRYPTION) || kinds.contains(Kind.AEAD);
            if (!hasCipher) {
                out.add(new Finding(true, "proposal '" + proposal + "' has no encryption algorithm"));
            }
            if (kinds.contains(Kind.ENCRYPTION) && !kinds.contains(Kind.AEAD) && !kinds.contains(Kind.INTEGRITY)
                    && !(ike && kinds.contains(Kind.PRF))) {
                out.add(new Finding(true, "proposal '" + proposal + "' has no integrity algorithm"));
            }
            if (ike && !kinds.contains(Kind.KEY_EXCHANGE)) {
                out.add(new Finding(true, "proposal '" + proposal + "' has no key exchange method"));
            }
        }
        return out;
    }

    /** A proposal finding: an error, or a warning. */
    record Finding(boolean error, String message) {
    }

    /** RFC 9370 additional key exchanges are written {@code ke1_mlkem768}; check the method after the prefix. */
    private static String stripAdditionalKe(String keyword) {
        if (keyword.length() > 4 && keyword.startsWith("ke") && Character.isDigit(keyword.charAt(2))
                && keyword.charAt(3) == '_') {
            return keyword.substring(4);
        }
        return keyword;
    }
}
