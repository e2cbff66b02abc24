package org.jswan.ike.cred;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jswan.ike.auth.Identity;

/**
 * The identities a certificate vouches for, as strongSwan's x509 plugin sees them (has_subject): the subject DN,
 * the subjectAltNames dNSName (FQDN), iPAddress and rfc822Name, and the key ids (SHA-1 of the SubjectPublicKeyInfo
 * and of the subjectPublicKey bits). The subject CN is not matched against FQDNs.
 */
public final class CertificateIdentities {

    private static final int SAN_RFC822 = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateIdentities() {
    }

    public static List<Identity> of(final X509Certificate cert) {
        List<Identity> out = new ArrayList<>();
        out.add(Identity.dn(cert.getSubjectX500Principal()));
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            sans = null; // a malformed extension vouches for nothing
        }
        if (sans != null) {
            for (List<?> san : sans) {
                int tag = (Integer) san.get(0);
                Object value = san.get(1);
                if (!(value instanceof String)) {
                    continue;
                }
                String s = (String) value;
                if (tag == SAN_DNS) {
                    out.add(Identity.fqdn(s));
                } else if (tag == SAN_RFC822) {
                    out.add(Identity.rfc822(s));
                } else if (tag == SAN_IP) {
                    try {
                        // JDK renders iPAddress SANs as numeric literals, so no name lookup happens here
                        out.add(Identity.address(InetAddress.getByName(s)));
                    } catch (UnknownHostException ignored) {
                        // not a literal: skip
                    }
                }
            }
        }
        out.addAll(keyIds(cert));
        return out;
    }

    /** Whether the (configured, possibly wildcard) {@code id} names this certificate. */
    public static boolean matches(final X509Certificate cert, final Identity id) {
        for (Identity certId : of(cert)) {
            if (id.matches(certId)) {
                return true;
            }
        }
        return false;
    }

    private static List<Identity> keyIds(final X509Certificate cert) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] spki = cert.getPublicKey().getEncoded();
            Identity spkiId = Identity.keyId(sha1.digest(spki));
            byte[] bits = SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getBytes();
            return List.of(spkiId, Identity.keyId(sha1.digest(bits)));
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
