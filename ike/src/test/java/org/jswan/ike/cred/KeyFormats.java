package org.jswan.ike.cred;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Writes keys and certificates in the formats swanctl accepts, using BouncyCastle's ASN.1 classes directly. */
final class KeyFormats {

    private KeyFormats() {
    }

    static byte[] pkcs8Der(final PrivateKey key) {
        return key.getEncoded();
    }

    /** RFC 8017 App. A.1.2 RSAPrivateKey. */
    static byte[] pkcs1Der(final PrivateKey key) throws Exception {
        return PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    }

    /** RFC 5915 ECPrivateKey with the named curve in [0] parameters. */
    static byte[] sec1Der(final PrivateKey key) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        int bits = ((java.security.interfaces.ECKey) key).getParams().getOrder().bitLength();
        return new ECPrivateKey(bits, inner.getKey(), inner.getPublicKey(),
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    }

    static byte[] encryptedPkcs8Pem(final PrivateKey key) throws Exception {
        JceOpenSSLPKCS8EncryptorBuilder b = new JceOpenSSLPKCS8EncryptorBuilder(
                org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC);
        b.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        b.setPassword("secret".toCharArray());
        return pem(new JcaPKCS8Generator(key, b.build()).generate());
    }

    /** OpenSSL's traditional "Proc-Type: 4,ENCRYPTED" PEM. */
    static byte[] encryptedTraditionalPem(final PrivateKey key) throws Exception {
        StringWriter sw = new StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(sw)) {
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator(key,
                    new org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder("AES-128-CBC")
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .build("secret".toCharArray())));
        }
        return sw.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] pem(final String type, final byte[] der) throws Exception {
        return pem(new PemObject(type, der));
    }

    private static byte[] pem(final PemObject o) throws Exception {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static Path write(final Path dir, final String name, final byte[] content) throws Exception {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), content);
    }

    static byte[] certPem(final X509Certificate c) throws Exception {
        return pem("CERTIFICATE", c.getEncoded());
    }
}
