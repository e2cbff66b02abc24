/**
 * Native crypto libraries for the ESP hot path: OpenSSL's libcrypto (3.x) for AEAD, CBC and HMAC, and GnuTLS for
 * AES-GCM, each context set up once per SA and run per packet in place on direct memory, with no Java allocation.
 * The ciphers are the libraries', nothing here is cryptography of our own; {@code EvpAead.available()} and
 * {@code GnutlsAesGcm.available()} tell whether each library could be loaded (and, for GnuTLS, passed its
 * known-answer test).
 */
package org.jswan.nativeio.crypto;
