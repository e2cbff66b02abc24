package org.jswan.esp.crypto;

import java.util.Locale;
import org.jswan.nativeio.crypto.EvpAead;

/**
 * Which library runs the ESP transforms. OpenSSL's libcrypto (as strongSwan's openssl plugin) is the default when it
 * loads: keyed once per SA and run in place, it allocates nothing per packet, while the JDK's JCA re-creates its GCM
 * engine on every {@code Cipher.init} (about 1 KB per packet) and has no fast ChaCha20-Poly1305. The JCA stays as
 * the fallback and for comparison: {@code -Djswan.esp.crypto=jca}.
 */
public enum CryptoBackend {
    OPENSSL,
    JCA;

    /** The system property that picks the backend: {@code openssl} or {@code jca}. */
    public static final String PROPERTY = "jswan.esp.crypto";

    /** The backend new SAs use: the property's choice, else OpenSSL when it is available, else the JCA. */
    public static CryptoBackend selected() {
        String v = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "jca":
                return JCA;
            case "openssl":
                if (!EvpAead.available()) {
                    throw new EspCryptoException("-D" + PROPERTY + "=openssl but " + EvpAead.unavailableReason());
                }
                return OPENSSL;
            case "":
                return EvpAead.available() ? OPENSSL : JCA;
            default:
                throw new EspCryptoException("-D" + PROPERTY + "=" + v + ": expected openssl or jca");
        }
    }

    /** One line for the startup log: which library and version, and why not OpenSSL when it is not. */
    public static String describe() {
        CryptoBackend b = selected();
        if (b == OPENSSL) {
            return "ESP crypto: " + EvpAead.version() + " (libcrypto)";
        }
        String why = EvpAead.available() ? "-D" + PROPERTY + "=jca" : EvpAead.unavailableReason();
        return "ESP crypto: JCA " + System.getProperty("java.vm.version") + " (" + why + ")";
    }
}
