package org.jswan.config;

import java.util.List;

/**
 * One entry of the {@code secrets} section. For IKE/EAP/XAuth/NTLM secrets {@code ids} lists the identities it
 * belongs to ({@code id}, {@code id-foo}, {@code id1} ..., in file order; empty means any); for private key
 * passphrases {@code file} names the key file. {@code secret} is null for a token without a PIN.
 * {@code toString()} shows no secret bytes (see {@link SharedSecret}).
 */
public record SecretConfig(Type type, String name, List<String> ids, SharedSecret secret, String file,
                           SourcePosition position) {

    /** Section prefix of a secret. */
    public enum Type {
        IKE("ike"), EAP("eap"), XAUTH("xauth"), NTLM("ntlm"), PRIVATE("private"), RSA("rsa"), ECDSA("ecdsa"),
        PKCS8("pkcs8"), PKCS12("pkcs12"), TOKEN("token");

        private final String prefix;

        Type(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** The type whose prefix starts the section name (longest prefix first), or null. */
        public static Type ofSectionName(String sectionName) {
            Type best = null;
            for (Type t : values()) {
                if (sectionName.startsWith(t.prefix) && (best == null || t.prefix.length() > best.prefix.length())) {
                    best = t;
                }
            }
            return best;
        }
    }

    public SecretConfig {
        ids = List.copyOf(ids);
    }
}
