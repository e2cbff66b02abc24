/**
 * OpenSSL's libcrypto (3.x) for the ESP hot path: AEAD, CBC and HMAC contexts set up once per SA and run per packet
 * in place on direct memory, with no Java allocation. The ciphers are OpenSSL's, nothing here is cryptography of
 * our own; {@code EvpAead.available()} tells whether the library could be loaded.
 */
package org.jswan.nativeio.crypto;
