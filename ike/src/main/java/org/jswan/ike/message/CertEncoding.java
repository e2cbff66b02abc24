package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Certificate Encodings (RFC 7296 §3.6; RFC 4806 OCSP; RFC 7670 raw public key). Open enum: {@link
 * #valueOf(int)} never throws.
 */
public final class CertEncoding extends OpenEnum {
    private static final Map<Integer, CertEncoding> BY_VALUE = new HashMap<>();

    public static final CertEncoding PKCS7_WRAPPED_X509 = define(1, "PKCS7_WRAPPED_X509", "PKCS7_WRAPPED_X509");
    public static final CertEncoding PGP_CERTIFICATE = define(2, "PGP_CERTIFICATE", "PGP_CERTIFICATE");
    public static final CertEncoding DNS_SIGNED_KEY = define(3, "DNS_SIGNED_KEY", "DNS_SIGNED_KEY");
    public static final CertEncoding X509_CERTIFICATE_SIGNATURE =
            define(4, "X509_CERTIFICATE_SIGNATURE", "X509_CERTIFICATE_SIGNATURE");
    public static final CertEncoding KERBEROS_TOKEN = define(6, "KERBEROS_TOKEN", "KERBEROS_TOKEN");
    public static final CertEncoding CERTIFICATE_REVOCATION_LIST =
            define(7, "CERTIFICATE_REVOCATION_LIST", "CERTIFICATE_REVOCATION_LIST");
    public static final CertEncoding AUTHORITY_REVOCATION_LIST =
            define(8, "AUTHORITY_REVOCATION_LIST", "AUTHORITY_REVOCATION_LIST");
    public static final CertEncoding SPKI_CERTIFICATE = define(9, "SPKI_CERTIFICATE", "SPKI_CERTIFICATE");
    public static final CertEncoding X509_CERTIFICATE_ATTRIBUTE =
            define(10, "X509_CERTIFICATE_ATTRIBUTE", "X509_CERTIFICATE_ATTRIBUTE");
    public static final CertEncoding HASH_AND_URL_X509_CERTIFICATE =
            define(12, "HASH_AND_URL_X509_CERTIFICATE", "HASH_AND_URL_X509_CERTIFICATE");
    public static final CertEncoding HASH_AND_URL_X509_BUNDLE =
            define(13, "HASH_AND_URL_X509_BUNDLE", "HASH_AND_URL_X509_BUNDLE");
    public static final CertEncoding OCSP_CONTENT = define(14, "OCSP_CONTENT", "OCSP_CONTENT");
    public static final CertEncoding RAW_PUBLIC_KEY = define(15, "RAW_PUBLIC_KEY", "RAW_PUBLIC_KEY");

    private CertEncoding(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static CertEncoding define(final int value, final String name, final String shortName) {
        final CertEncoding t = new CertEncoding(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static CertEncoding valueOf(final int value) {
        final CertEncoding t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new CertEncoding(value, "UNKNOWN", "UNKNOWN");
    }
}
