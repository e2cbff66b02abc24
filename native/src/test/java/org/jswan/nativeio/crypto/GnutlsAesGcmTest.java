package org.jswan.nativeio.crypto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;

/** GnuTLS's AES-GCM against OpenSSL's and the rules of every in-place AES-GCM context. */
class GnutlsAesGcmTest extends AesGcmLibraryContract {

    @BeforeAll
    static void gnutls() {
        assertTrue(GnutlsAesGcm.available(), GnutlsAesGcm.unavailableReason());
        assertTrue(GnutlsAesGcm.version().matches("GnuTLS 3\\.[0-9.]+"), GnutlsAesGcm.version());
    }

    @Override
    InPlaceAead create(final byte[] key, final boolean encrypt) {
        return new GnutlsAesGcm(key, encrypt);
    }

    @Override
    int computedTagOffset() {
        return 56;
    }
}
