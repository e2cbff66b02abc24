package org.jswan.nativeio.crypto;

import com.kenai.jffi.MemoryIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    /** The library's file; {@code -Djswan.esp.ipsecmb.library} names another (a build of one's own; in tests, none). */
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
        } catch (LinkageError | RuntimeException e) {
            failure = LoadFailure.cannotLoad(SONAME, e, "libipsec-mb1");
        }
        if (lib != null) {
            try {
                path = codePath(lib);
                String missing = path == null ? null : missingCpuFlags(path, cpuFlags());
                if (path == null) {
                    failure = "ipsec-mb has no AES-GCM code path for this CPU (it needs AES-NI and PCLMULQDQ)";
                } else if (missing != null) {
                    failure = "ipsec-mb picked its " + path + " code but the kernel does not offer " + missing;
                } else {
                    gcm = new IpsecMbGcm[3];
                    for (int i = 0; i < 3; i++) {
                        gcm[i] = bind(128 + 64 * i, path);
                    }
                }
            } catch (LinkageError | RuntimeException e) {
                failure = "ipsec-mb " + version(lib) + " cannot be set up (" + LoadFailure.firstLine(e) + ")";
            }
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

    private static String version(final LibIpsecMb lib) {
        try {
            return lib.imb_get_version_str();
        } catch (LinkageError | RuntimeException e) {
            return "(version unknown)";
        }
    }

    /**
     * The /proc/cpuinfo flags a code path runs on, and which of them {@code flags} lacks (null: none): ipsec-mb picks
     * its path from CPUID alone, while a kernel or hypervisor may have turned a feature off (then the flag is gone
     * from /proc/cpuinfo, and the path would die of an illegal instruction). No /proc/cpuinfo: nothing to check.
     */
    static String missingCpuFlags(final String path, final String flags) {
        if (flags == null) {
            return null;
        }
        List<String> needs = new ArrayList<>(List.of("aes", "pclmulqdq", "sse4_2"));
        if (!path.equals("sse")) {
            needs.add("avx");
        }
        if (path.equals("avx_gen4") || path.contains("avx512")) {
            needs.add("avx2");
        }
        if (path.contains("avx512")) {
            needs.addAll(List.of("avx512f", "avx512dq", "avx512bw", "avx512vl"));
        }
        if (path.equals("vaes_avx512")) {
            needs.addAll(List.of("vaes", "vpclmulqdq"));
        }
        String[] missing = needs.stream().filter(f -> !flags.contains(" " + f + " ")).toArray(String[]::new);
        return missing.length == 0 ? null : String.join(", ", missing);
    }

    /** The first "flags" line of /proc/cpuinfo, padded with spaces, or null when there is none. */
    static String cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> " " + l.substring(l.indexOf(':') + 1).strip() + " ").orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
