/*
 * The floor under GnutlsAesGcm: the same four GnuTLS calls per packet that jswan makes through jnr-ffi (nonce, AAD,
 * encrypt in place, tag), in a C loop; compare with evp_gcm_loop.c on the same machine.
 *
 *   gcc -O2 -o /tmp/gnutls_gcm_loop esp/src/jmh/c/gnutls_gcm_loop.c -lgnutls   # needs libgnutls28-dev
 *   /tmp/gnutls_gcm_loop 1400
 */
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "seal_loop.h"

int main(int argc, char **argv) {
    int len = packet_length(argc, argv, 2, "LENGTH");
    if (len < 0) {
        return 2;
    }
    unsigned char key[16] = {0}, nonce[12] = {0}, aad[8] = {0}, buf[2048] = {0};
    gnutls_datum_t k = {key, sizeof key};
    gnutls_cipher_hd_t h;
    if (gnutls_cipher_init(&h, GNUTLS_CIPHER_AES_128_GCM, &k, NULL) < 0) {
        fprintf(stderr, "GnuTLS has no AES-128-GCM\n");
        return 1;
    }
    long n = SEALS;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        memcpy(nonce + 4, &i, 8);
        gnutls_cipher_set_iv(h, nonce, sizeof nonce);
        gnutls_cipher_add_auth(h, aad, sizeof aad);
        gnutls_cipher_encrypt2(h, buf, len, buf, len);
        gnutls_cipher_tag(h, buf + len, 16);
    }
    printf("GnuTLS %s, %d bytes: %.3f us per seal\n", gnutls_check_version(NULL), len, (now() - t0) / n * 1e6);
    gnutls_cipher_deinit(h);
    return 0;
}
