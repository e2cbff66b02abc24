package org.jswan.ike.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jswan.ike.message.CertEncoding;

/**
 * Body of a CERTREQ payload (RFC 7296 §3.7) with encoding 4: Cert Encoding (1) || concatenated SHA-1 hashes of
 * the trusted CAs' SubjectPublicKeyInfo (20 bytes each).
 */
public final class CertRequestContent {

    public static final int KEY_ID_LENGTH = 20;
    /** More CAs than this in one request is not plausible; strongSwan sends its whole CA list. */
    public static final int MAX_AUTHORITIES = 1024;

    private CertRequestContent() {
    }

    /** SHA-1 of the certificate's DER SubjectPublicKeyInfo, as CERTREQ carries it. */
    public static byte[] keyId(final X509Certificate ca) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(ca.getPublicKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }

    public static byte[] encode(final List<X509Certificate> cas) {
        byte[] out = new byte[1 + KEY_ID_LENGTH * cas.size()];
        out[0] = (byte) CertEncoding.X509_CERTIFICATE_SIGNATURE.value();
        for (int i = 0; i < cas.size(); i++) {
            System.arraycopy(keyId(cas.get(i)), 0, out, 1 + KEY_ID_LENGTH * i, KEY_ID_LENGTH);
        }
        return out;
    }

    /** The requested CA key ids; only encoding 4 is understood. */
    public static List<byte[]> decode(final byte[] body) throws AuthException {
        CertEncoding enc = CertContent.encodingOf(body);
        if (!enc.equals(CertEncoding.X509_CERTIFICATE_SIGNATURE)) {
            throw new AuthException("unsupported CERTREQ encoding " + enc);
        }
        int len = body.length - 1;
        if (len % KEY_ID_LENGTH != 0) {
            throw new AuthException("CERTREQ data of " + len + " bytes is not a multiple of " + KEY_ID_LENGTH);
        }
        if (len / KEY_ID_LENGTH > MAX_AUTHORITIES) {
            throw new AuthException("CERTREQ lists " + len / KEY_ID_LENGTH + " CAs, limit " + MAX_AUTHORITIES);
        }
        List<byte[]> ids = new ArrayList<>(len / KEY_ID_LENGTH);
        for (int off = 1; off < body.length; off += KEY_ID_LENGTH) {
            ids.add(Arrays.copyOfRange(body, off, off + KEY_ID_LENGTH));
        }
        return ids;
    }
}
