package org.jswan.nativeio.crypto;

import com.kenai.jffi.MemoryIO;
import java.util.Map;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;

/**
 * Loads Intel's ipsec-mb once, on first use, and binds its AES-GCM for 128, 192 and 256-bit keys on the code path
 * the library itself picks for this CPU (its manager's choice: VAES with AVX-512, AVX-512, AVX2, AVX or SSE with
 * AES-NI). {@link #GCM} is null when it cannot be loaded (not x86-64, no libipsec-mb1 package, or a CPU without
 * AES-NI); {@link #FAILURE} then says why.
 */
final class LibIpsecMbLoader {
    /** The library's file; {@code -Djswan.esp.ipsecmb.library} names another (tests: one that is missing). */
    static final String SONAME = System.getProperty("jswan.esp.ipsecmb.library", "libIPSec_MB.so.1");
    static final LibIpsecMb LIB;
    /** Index 0, 1, 2: 128, 192, 256-bit keys. */
    static final IpsecMbGcm[] GCM;
    /** The symbols' suffix for the code path in use, e.g. "vaes_avx512". */
    static final String PATH;
    static final String FAILURE;

    static {
        LibIpsecMb lib = null;
        IpsecMbGcm[] gcm = null;
        String path = null;
        String failure = null;
        try {
            lib = LibraryLoader.create(LibIpsecMb.class).option(LibraryOption.IgnoreError, true).failImmediately()
                    .load(SONAME);
            path = codePath(lib);
            if (path == null) {
                failure = "ipsec-mb has no AES-GCM code path for this CPU (it needs AES-NI and PCLMULQDQ)";
            } else {
                gcm = new IpsecMbGcm[3];
                for (int i = 0; i < 3; i++) {
                    gcm[i] = bind(128 + 64 * i, path);
                }
            }
        } catch (LinkageError | RuntimeException e) {
            failure = "cannot load " + SONAME + " (" + firstLine(e.getMessage()) + "); install libipsec-mb1";
        }
        if (failure != null) {
            lib = null;
            gcm = null;
            path = null;
        }
        LIB = lib;
        GCM = gcm;
        PATH = path;
        FAILURE = failure;
    }

    /** jnr-ffi's message goes on to list every search path: one start-log line needs only its first. */
    private static String firstLine(final String message) {
        String m = String.valueOf(message).strip();
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end).strip();
    }

    /** The suffix of the symbols for the architecture ipsec-mb's own manager picks, or null for none with GCM. */
    private static String codePath(final LibIpsecMb lib) {
        MemoryIO memory = MemoryIO.getInstance();
        long manager = lib.alloc_mb_mgr(0);
        if (manager == 0) {
            throw new IllegalStateException("ipsec-mb could not allocate its manager");
        }
        long arch = memory.allocateMemory(8, true);
        try {
            lib.init_mb_mgr_auto(manager, arch);
            switch (memory.getInt(arch)) {
                case LibIpsecMb.IMB_ARCH_AVX512:
                    long vaes = LibIpsecMb.IMB_FEATURE_VAES | LibIpsecMb.IMB_FEATURE_VPCLMULQDQ;
                    return (lib.imb_get_feature_flags() & vaes) == vaes ? "vaes_avx512" : "avx512";
                case LibIpsecMb.IMB_ARCH_AVX2:
                    return "avx_gen4";
                case LibIpsecMb.IMB_ARCH_AVX:
                    return "avx_gen2";
                case LibIpsecMb.IMB_ARCH_SSE:
                    return "sse";
                default:
                    return null;
            }
        } finally {
            memory.freeMemory(arch);
            lib.free_mb_mgr(manager);
        }
    }

    /** Binds {@link IpsecMbGcm}'s methods to e.g. {@code aes_gcm_enc_128_update_vaes_avx512}. */
    static IpsecMbGcm bind(final int bits, final String path) {
        Map<String, String> names = Map.of("pre", "aes_gcm_pre_%d_%s", "init", "aes_gcm_init_%d_%s",
                "encUpdate", "aes_gcm_enc_%d_update_%s", "encFinalize", "aes_gcm_enc_%d_finalize_%s",
                "decUpdate", "aes_gcm_dec_%d_update_%s", "decFinalize", "aes_gcm_dec_%d_finalize_%s");
        return LibraryLoader.create(IpsecMbGcm.class).option(LibraryOption.IgnoreError, true)
                .mapper((name, context) -> String.format(names.get(name), bits, path)).failImmediately()
                .load(SONAME);
    }

    private LibIpsecMbLoader() {
    }
}
