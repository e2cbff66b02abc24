/**
 * Credentials for IKE authentication: loading certificates and private keys from a swanctl-style directory
 * ({@code x509/}, {@code x509ca/}, {@code private/}, {@code rsa/}, {@code ecdsa/}, {@code pkcs8/}), looking them up by
 * identity or public key, and validating certificate chains against the trusted CAs. Uses JCA and BouncyCastle
 * PKIX; knows nothing about IKE messages. Depends on {@code org.jswan.ike.auth.Identity} only.
 */
package org.jswan.ike.cred;
