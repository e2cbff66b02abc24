/*
 * The floor under EvpAead: the same five libcrypto calls per packet that jswan makes through jnr-ffi (set nonce,
 * AAD, encrypt in place, final, read tag), in a C loop, to tell OpenSSL's own per-call cost from the binding's.
 *
 *   gcc -O2 -o /tmp/evp_gcm_loop esp/src/jmh/c/evp_gcm_loop.c -lcrypto
 *   /tmp/evp_gcm_loop 1400 ctrl      # tag through EVP_CIPHER_CTX_ctrl, as EvpAead does
 *   /tmp/evp_gcm_loop 1400 params    # tag through EVP_CIPHER_CTX_get_params
 *   /tmp/evp_gcm_loop 1400 notag     # without reading the tag (not a valid seal: shows what the tag read costs)
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <string.h>

#include "seal_loop.h"

int main(int argc, char **argv) {
    int len = packet_length(argc, argv, 3, "LENGTH ctrl|params|notag");
    if (len < 0) {
        return 2;
    }
    const char *tagvia = argv[2];
    EVP_CIPHER *aes = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    unsigned char key[16] = {0}, nonce[12] = {0}, aad[8] = {0}, tag[16], buf[2048] = {0};
    int outl;
    if (aes == NULL || ctx == NULL || !EVP_EncryptInit_ex(ctx, aes, NULL, key, NULL)) {
        fprintf(stderr, "libcrypto has no AES-128-GCM\n");
        return 1;
    }
    long n = SEALS;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        memcpy(nonce + 4, &i, 8);
        EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, nonce);
        EVP_EncryptUpdate(ctx, NULL, &outl, aad, sizeof aad);
        EVP_EncryptUpdate(ctx, buf, &outl, buf, len);
        EVP_EncryptFinal_ex(ctx, buf + len, &outl);
        if (strcmp(tagvia, "ctrl") == 0) {
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, sizeof tag, tag);
        } else if (strcmp(tagvia, "params") == 0) {
            OSSL_PARAM p[2] = {OSSL_PARAM_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, sizeof tag), OSSL_PARAM_END};
            EVP_CIPHER_CTX_get_params(ctx, p);
        }
    }
    printf("%s, %d bytes, tag via %s: %.3f us per seal\n", OpenSSL_version(OPENSSL_VERSION), len, tagvia,
           (now() - t0) / n * 1e6);
    EVP_CIPHER_CTX_free(ctx);
    EVP_CIPHER_free(aes);
    return 0;
}
