package org.jswan.ike.auth;

import java.util.Objects;

/** Certificate Encoding of CERT and CERTREQ payloads (RFC 7296 §3.6). Open enum; jswan uses only 4. */
public final class CertEncoding {

    public static final CertEncoding X509_SIGNATURE = new CertEncoding(4, "X.509 Certificate - Signature");
    public static final CertEncoding CRL = new CertEncoding(7, "Certificate Revocation List (CRL)");
    public static final CertEncoding HASH_AND_URL_X509 = new CertEncoding(12, "Hash and URL of X.509 certificate");

    private final int value;
    private final String name;

    private CertEncoding(final int value, final String name) {
        this.value = value;
        this.name = name;
    }

    public static CertEncoding valueOf(final int value) {
        switch (value) {
            case 4: return X509_SIGNATURE;
            case 7: return CRL;
            case 12: return HASH_AND_URL_X509;
            default: return new CertEncoding(value & 0xff, "UNKNOWN(" + (value & 0xff) + ")");
        }
    }

    public int value() {
        return value;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof CertEncoding && ((CertEncoding) o).value == value;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
