package org.jswan.esp.crypto;

import java.util.Locale;
import org.jswan.nativeio.crypto.EvpAead;
import org.jswan.nativeio.crypto.GnutlsAesGcm;
import org.jswan.nativeio.crypto.IpsecMbAesGcm;

/**
 * Which libraries run the ESP transforms, like strongSwan's crypto plugins each taking the algorithms it does best.
 * By default AES-GCM runs on Intel's ipsec-mb (the AES-GCM of DPDK's IPsec: with VAES it seals a full-size packet in
 * a third of GnuTLS's time), else on GnuTLS (on x86-64 with AES-NI it seals a full-size packet in about half the time
 * of OpenSSL 3.0, whose provider layer costs as much per call as the cipher); ChaCha20-Poly1305 and AES-CBC + HMAC
 * run on OpenSSL's libcrypto (as strongSwan's openssl plugin). All three are keyed once per SA and run in place, so
 * a packet allocates nothing, while the JDK's JCA re-creates its GCM engine on every {@code Cipher.init} (about 1 KB
 * per packet) and has no fast ChaCha20-Poly1305. {@code -Djswan.esp.crypto=} picks: {@code ipsecmb}, {@code gnutls},
 * {@code openssl} (all transforms on OpenSSL) or {@code jca}; without it, the first of these whose library loads.
 */
public enum CryptoBackend {
    /** AES-GCM on ipsec-mb; the other transforms on OpenSSL, or on the JCA when libcrypto is missing. */
    IPSECMB,
    /** AES-GCM on GnuTLS; the other transforms as for {@link #IPSECMB}. */
    GNUTLS,
    OPENSSL,
    JCA;

    /** The system property that picks the backend: {@code ipsecmb}, {@code gnutls}, {@code openssl} or {@code jca}. */
    public static final String PROPERTY = "jswan.esp.crypto";

    /**
     * The backend new SAs use: the property's choice, else the first of ipsec-mb, GnuTLS, OpenSSL, JCA that is
     * available.
     */
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
            case "ipsecmb":
                if (!IpsecMbAesGcm.available()) {
                    throw new EspCryptoException("-D" + PROPERTY + "=ipsecmb but " + IpsecMbAesGcm.unavailableReason());
                }
                return IPSECMB;
            case "gnutls":
                if (!GnutlsAesGcm.available()) {
                    throw new EspCryptoException("-D" + PROPERTY + "=gnutls but " + GnutlsAesGcm.unavailableReason());
                }
                return GNUTLS;
            case "":
                return IpsecMbAesGcm.available() ? IPSECMB : GnutlsAesGcm.available() ? GNUTLS
                        : EvpAead.available() ? OPENSSL : JCA;
            default:
                throw new EspCryptoException("-D" + PROPERTY + "=" + v + ": expected ipsecmb, gnutls, openssl or jca");
        }
    }

    /** Where the transforms other than AES-GCM run on this backend. */
    CryptoBackend forOtherTransforms() {
        return this == IPSECMB || this == GNUTLS ? (EvpAead.available() ? OPENSSL : JCA) : this;
    }

    /** One line for the startup log: which library and version runs what, and why not the default when it is not. */
    public static String describe() {
        CryptoBackend b = selected();
        String why = System.getProperty(PROPERTY, "").isBlank() ? null : "-D" + PROPERTY + "=" + b.name()
                .toLowerCase(Locale.ROOT);
        switch (b) {
            case IPSECMB:
            case GNUTLS:
                CryptoBackend others = b.forOtherTransforms();
                String gcm = b == IPSECMB ? IpsecMbAesGcm.version() : GnutlsAesGcm.version() + " (libgnutls)";
                String notFirst = b == GNUTLS && why == null ? " (ipsec-mb: " + IpsecMbAesGcm.unavailableReason() + ")"
                        : "";
                return "ESP crypto: AES-GCM on " + gcm + notFirst + ", ChaCha20-Poly1305 and AES-CBC/HMAC on "
                        + describeOne(others) + (others == JCA ? " (" + EvpAead.unavailableReason() + ")" : "");
            case OPENSSL:
                return "ESP crypto: " + describeOne(OPENSSL) + " (" + (why != null ? why : "ipsec-mb: "
                        + IpsecMbAesGcm.unavailableReason() + "; GnuTLS: " + GnutlsAesGcm.unavailableReason()) + ")";
            default:
                return "ESP crypto: " + describeOne(JCA) + " (" + (why != null ? why : "ipsec-mb: "
                        + IpsecMbAesGcm.unavailableReason() + "; GnuTLS: " + GnutlsAesGcm.unavailableReason() + "; "
                        + EvpAead.unavailableReason()) + ")";
        }
    }

    private static String describeOne(final CryptoBackend b) {
        return b == OPENSSL ? EvpAead.version() + " (libcrypto)" : "JCA " + System.getProperty("java.vm.version");
    }
}
