package org.jswan.ike.cred;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a peer's certificate chain with JDK PKIX (RFC 5280 §6) against the trusted CA certificates:
 * signatures, validity dates of every certificate including the anchor, basicConstraints cA for intermediates,
 * path length. Revocation (CRL/OCSP) is not checked yet. Thread-safe.
 */
public final class CertificateValidator {

    private final List<X509Certificate> authorities;
    private final Set<TrustAnchor> anchors;

    public CertificateValidator(final List<X509Certificate> authorities) {
        this.authorities = List.copyOf(authorities);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate ca : this.authorities) {
            set.add(new TrustAnchor(ca, null));
        }
        this.anchors = set;
    }

    /**
     * @param endEntity     the peer's certificate (first CERT payload)
     * @param intermediates other certificates the peer sent, in any order
     * @param at            the time to check validity at
     */
    public ValidatedChain validate(final X509Certificate endEntity, final List<X509Certificate> intermediates,
                                   final Instant at) throws CertificateValidationException {
        Date date = Date.from(at);
        checkDates(endEntity, date);
        if (anchors.isEmpty()) {
            throw new CertificateValidationException(CertificateValidationException.Reason.UNTRUSTED,
                    "no trusted CA certificates loaded, cannot validate '" + subject(endEntity) + "'");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(endEntity);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false); // RFC 7296 §3.6 CRLs: not implemented yet
            params.setDate(date);
            List<X509Certificate> pool = new ArrayList<>(intermediates);
            pool.add(endEntity);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(params);
            X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
            checkDates(anchor, date); // PKIX does not check the anchor's own dates; strongSwan does
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            return new ValidatedChain(path, anchor);
        } catch (CertPathBuilderException e) {
            throw classify(endEntity, intermediates, date, e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new CertificateValidationException(CertificateValidationException.Reason.INVALID,
                    "cannot validate '" + subject(endEntity) + "': " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateValidationException(CertificateValidationException.Reason.INVALID,
                    "PKIX unavailable: " + e.getMessage(), e);
        }
    }

    public List<X509Certificate> authorities() {
        return authorities;
    }

    /** The builder says only "no path"; say whether an intermediate had expired or no CA issued the chain. */
    private CertificateValidationException classify(final X509Certificate endEntity,
                                                    final List<X509Certificate> intermediates, final Date date,
                                                    final CertPathBuilderException e) {
        for (X509Certificate c : intermediates) {
            try {
                checkDates(c, date);
            } catch (CertificateValidationException dated) {
                return dated;
            }
        }
        for (X509Certificate ca : authorities) {
            if (ca.getSubjectX500Principal().equals(endEntity.getIssuerX500Principal())) {
                return new CertificateValidationException(CertificateValidationException.Reason.INVALID,
                        "'" + subject(endEntity) + "' does not verify against CA '" + subject(ca) + "': "
                                + e.getMessage(), e);
            }
        }
        return new CertificateValidationException(CertificateValidationException.Reason.UNTRUSTED,
                "no trusted path for '" + subject(endEntity) + "' (issuer '"
                        + endEntity.getIssuerX500Principal().getName() + "')", e);
    }

    private static void checkDates(final X509Certificate c, final Date date) throws CertificateValidationException {
        try {
            c.checkValidity(date);
        } catch (CertificateExpiredException e) {
            throw new CertificateValidationException(CertificateValidationException.Reason.EXPIRED,
                    "certificate '" + subject(c) + "' expired on " + c.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new CertificateValidationException(CertificateValidationException.Reason.NOT_YET_VALID,
                    "certificate '" + subject(c) + "' not valid before " + c.getNotBefore().toInstant());
        }
    }

    private static String subject(final X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }
}
