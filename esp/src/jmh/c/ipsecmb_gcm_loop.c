/*
 * The floor under IpsecMbAesGcm: the same three ipsec-mb calls per packet that jswan makes through jnr-ffi (init with
 * nonce and AAD, encrypt in place, tag), in a C loop, on each AES-GCM code path of the library this CPU can run;
 * compare with gnutls_gcm_loop.c and evp_gcm_loop.c on the same machine.
 *
 *   gcc -O2 -o /tmp/ipsecmb_gcm_loop esp/src/jmh/c/ipsecmb_gcm_loop.c -lIPSec_MB -ldl   # needs libipsec-mb-dev
 *   /tmp/ipsecmb_gcm_loop 1400
 */
#include <intel-ipsec-mb.h>
#include <dlfcn.h>
#include <string.h>

#include "seal_loop.h"

typedef void (*pre_fn)(const void *, struct gcm_key_data *);
typedef void (*init_fn)(const struct gcm_key_data *, struct gcm_context_data *, const uint8_t *, const uint8_t *,
                        uint64_t);
typedef void (*update_fn)(const struct gcm_key_data *, struct gcm_context_data *, uint8_t *, const uint8_t *,
                          uint64_t);
typedef void (*final_fn)(const struct gcm_key_data *, struct gcm_context_data *, uint8_t *, uint64_t);

/* Whether this CPU runs code path p of the list in main (__builtin_cpu_supports takes only literals). */
static int supported(unsigned p) {
    switch (p) {
    case 0:
        return __builtin_cpu_supports("sse4.2") && __builtin_cpu_supports("aes");
    case 1:
        return __builtin_cpu_supports("avx") && __builtin_cpu_supports("aes");
    case 2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("aes");
    case 3:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
    default:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("vaes")
            && __builtin_cpu_supports("vpclmulqdq");
    }
}

static void *symbol(void *lib, const char *format, const char *path) {
    char name[80];
    snprintf(name, sizeof name, format, path);
    return dlsym(lib, name);
}

int main(int argc, char **argv) {
    int len = packet_length(argc, argv, 2, "LENGTH");
    if (len < 0) {
        return 2;
    }
    void *lib = dlopen("libIPSec_MB.so.1", RTLD_NOW);
    if (lib == NULL) {
        fprintf(stderr, "cannot load libIPSec_MB.so.1\n");
        return 1;
    }
    IMB_MGR *manager = alloc_mb_mgr(0);
    IMB_ARCH arch;
    init_mb_mgr_auto(manager, &arch);
    printf("ipsec-mb %s, the manager picks arch %d\n", imb_get_version_str(), (int) arch);
    free_mb_mgr(manager);

    static const char *paths[] = {"sse", "avx_gen2", "avx_gen4", "avx512", "vaes_avx512"};
    static struct gcm_key_data key_data __attribute__((aligned(64)));
    struct gcm_context_data context;
    unsigned char key[16] = {0}, nonce[12] = {0}, aad[8] = {0}, buf[2048] __attribute__((aligned(64))) = {0};
    for (unsigned p = 0; p < sizeof paths / sizeof paths[0]; p++) {
        if (!supported(p)) {
            printf("%-12s not on this CPU\n", paths[p]);
            continue;
        }
        pre_fn pre = symbol(lib, "aes_gcm_pre_128_%s", paths[p]);
        init_fn init = symbol(lib, "aes_gcm_init_128_%s", paths[p]);
        update_fn update = symbol(lib, "aes_gcm_enc_128_update_%s", paths[p]);
        final_fn finalize = symbol(lib, "aes_gcm_enc_128_finalize_%s", paths[p]);
        if (!pre || !init || !update || !finalize) {
            printf("%-12s not in this build\n", paths[p]);
            continue;
        }
        pre(key, &key_data);
        long n = SEALS;
        double t0 = now();
        for (long i = 0; i < n; i++) {
            memcpy(nonce + 4, &i, 8);
            init(&key_data, &context, nonce, aad, sizeof aad);
            update(&key_data, &context, buf, buf, len);
            finalize(&key_data, &context, buf + len, 16);
        }
        printf("%-12s %d bytes: %.3f us per seal\n", paths[p], len, (now() - t0) / n * 1e6);
    }
    return 0;
}
