package org.jswan.ike.cred;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jswan.ike.auth.CertRequestContent;
import org.jswan.ike.auth.Identity;

/**
 * Certificates and private keys loaded from a swanctl directory (strongSwan's /etc/swanctl layout):
 * {@code x509/} own and peer certificates, {@code x509ca/} trusted CA certificates, and private keys in
 * {@code private/} (any type), {@code rsa/} (RSA only), {@code ecdsa/} (EC only) and {@code pkcs8/}. Missing
 * folders are fine; a file that cannot be loaded fails the whole load, and the message lists every such file.
 * Immutable after loading; thread-safe.
 */
public final class CredentialStore {

    private final List<X509Certificate> certificates;
    private final List<X509Certificate> authorities;
    private final List<PrivateKey> privateKeys;
    private final CertificateValidator validator;

    public CredentialStore(final List<X509Certificate> certificates, final List<X509Certificate> authorities,
                           final List<PrivateKey> privateKeys) {
        this.certificates = List.copyOf(certificates);
        this.authorities = List.copyOf(authorities);
        this.privateKeys = List.copyOf(privateKeys);
        this.validator = new CertificateValidator(this.authorities);
    }

    public static CredentialStore load(final Path swanctlDir) throws CredentialException {
        if (!Files.isDirectory(swanctlDir)) {
            throw new CredentialException(swanctlDir + ": not a directory");
        }
        List<String> problems = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        List<X509Certificate> cas = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        for (Path f : files(swanctlDir.resolve("x509"), problems)) {
            try {
                certs.add(CredentialFiles.readCertificate(f));
            } catch (CredentialException e) {
                problems.add(e.getMessage());
            }
        }
        for (Path f : files(swanctlDir.resolve("x509ca"), problems)) {
            try {
                X509Certificate ca = CredentialFiles.readCertificate(f);
                if (ca.getBasicConstraints() < 0) {
                    problems.add(f + ": not a CA certificate (basicConstraints cA is not set)");
                } else {
                    cas.add(ca);
                }
            } catch (CredentialException e) {
                problems.add(e.getMessage());
            }
        }
        for (String dir : new String[]{"private", "rsa", "ecdsa", "pkcs8"}) {
            for (Path f : files(swanctlDir.resolve(dir), problems)) {
                try {
                    PrivateKey key = CredentialFiles.readPrivateKey(f);
                    if (dir.equals("rsa") && !(key instanceof RSAKey)) {
                        problems.add(f + ": rsa/ holds RSA keys, this is " + key.getAlgorithm());
                    } else if (dir.equals("ecdsa") && !(key instanceof ECKey)) {
                        problems.add(f + ": ecdsa/ holds EC keys, this is " + key.getAlgorithm());
                    } else {
                        keys.add(key);
                    }
                } catch (CredentialException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CredentialException(String.join("; ", problems));
        }
        return new CredentialStore(certs, cas, keys);
    }

    private static List<Path> files(final Path dir, final List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list: " + e.getMessage());
            return List.of();
        }
    }

    /** Certificates from {@code x509/}. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** Trusted CA certificates from {@code x509ca/}. */
    public List<X509Certificate> authorities() {
        return authorities;
    }

    public List<PrivateKey> privateKeys() {
        return privateKeys;
    }

    public CertificateValidator validator() {
        return validator;
    }

    public Optional<PrivateKey> privateKeyFor(final PublicKey publicKey) {
        for (PrivateKey k : privateKeys) {
            if (KeyPairMatcher.matches(k, publicKey)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public Optional<PrivateKey> privateKeyFor(final X509Certificate cert) {
        return privateKeyFor(cert.getPublicKey());
    }

    /** Certificates of {@code x509/} whose subject or subjectAltName matches {@code id} (wildcards allowed). */
    public List<X509Certificate> certificatesFor(final Identity id) {
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate c : certificates) {
            if (CertificateIdentities.matches(c, id)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Our own certificate for {@code id}: the first matching one we hold the private key of. */
    public Optional<X509Certificate> ownCertificateFor(final Identity id) {
        for (X509Certificate c : certificatesFor(id)) {
            if (privateKeyFor(c).isPresent()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The trusted CA whose SHA-1 SubjectPublicKeyInfo hash is {@code keyId} (a CERTREQ entry, RFC 7296 §3.7). */
    public Optional<X509Certificate> authorityByKeyId(final byte[] keyId) {
        for (X509Certificate ca : authorities) {
            if (Arrays.equals(CertRequestContent.keyId(ca), keyId)) {
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "CredentialStore[" + certificates.size() + " certs, " + authorities.size() + " CAs, "
                + privateKeys.size() + " private keys]";
    }
}
