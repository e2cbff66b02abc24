/**
 * Native crypto libraries for the ESP hot path: OpenSSL's libcrypto (3.x) for AEAD, CBC and HMAC, and Intel's
 * ipsec-mb or else GnuTLS for AES-GCM, each context set up once per SA and run per packet in place on direct memory,
 * with no Java allocation. The ciphers are the libraries', nothing here is cryptography of our own; {@code EvpAead.available()},
 * {@code IpsecMbAesGcm.available()} and {@code GnutlsAesGcm.available()} tell whether each library could be loaded
 * (and, for the AES-GCM ones, passed their known-answer test).
 */
package org.jswan.nativeio.crypto;
