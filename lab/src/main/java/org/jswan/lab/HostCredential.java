package org.jswan.lab;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * An issued certificate and its key, written as PEM files. The key pair is available for tests that sign
 * themselves; {@code toString()} never shows key material.
 *
 * @param name        file-name stem
 * @param keyType     key type
 * @param certificate the certificate
 * @param keyPair     the key pair
 * @param certFile    {@code <name>.crt.pem}
 * @param pkcs8File   {@code <name>.pkcs8.pem} ({@code PRIVATE KEY})
 */
public record HostCredential(String name, KeyType keyType, X509Certificate certificate, KeyPair keyPair,
                             Path certFile, Path pkcs8File) {

    @Override
    public String toString() {
        return "HostCredential[" + name + ", " + keyType + ", " + certificate.getSubjectX500Principal() + ", "
                + certFile + "]";
    }
}
