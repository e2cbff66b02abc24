package org.jswan.ike.auth;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.jswan.ike.message.CertEncoding;

/**
 * Body of a CERT payload (RFC 7296 §3.6): Cert Encoding (1) || Certificate Data. Only encoding 4 (DER X.509
 * certificate) is built and parsed into a certificate; other encodings are reported as unsupported.
 */
public final class CertContent {

    /** Far above any real certificate; a bound before the parser sees the bytes. */
    public static final int MAX_CERT_LENGTH = 65535;

    private CertContent() {
    }

    public static byte[] encode(final X509Certificate cert) {
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
        byte[] out = new byte[1 + der.length];
        out[0] = (byte) CertEncoding.X509_CERTIFICATE_SIGNATURE.value();
        System.arraycopy(der, 0, out, 1, der.length);
        return out;
    }

    /** The encoding of a CERT body, so callers can skip ones they do not handle (RFC 7296 §3.6). */
    public static CertEncoding encodingOf(final byte[] body) throws AuthException {
        if (body.length < 1) {
            throw new AuthException("CERT payload body is empty");
        }
        return CertEncoding.valueOf(body[0] & 0xff);
    }

    public static X509Certificate decode(final byte[] body) throws AuthException {
        CertEncoding enc = encodingOf(body);
        if (!enc.equals(CertEncoding.X509_CERTIFICATE_SIGNATURE)) {
            throw new AuthException("unsupported certificate encoding " + enc);
        }
        if (body.length - 1 > MAX_CERT_LENGTH) {
            throw new AuthException("CERT data of " + (body.length - 1) + " bytes exceeds " + MAX_CERT_LENGTH);
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(
                    new ByteArrayInputStream(Arrays.copyOfRange(body, 1, body.length)));
        } catch (CertificateException | RuntimeException e) {
            throw new AuthException("CERT payload does not hold a valid DER X.509 certificate");
        }
    }
}
