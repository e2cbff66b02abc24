package org.jswan.nativeio.crypto;

import jnr.ffi.types.intptr_t;

/**
 * The part of Intel's ipsec-mb library (libIPSec_MB.so.1, Debian's libipsec-mb1) that tells which of its code paths
 * suit this CPU: a manager, set up once at load, reports the architecture it picked; the AES-GCM calls themselves
 * are in {@link IpsecMbGcm}. Loaded with {@code LibraryOption.IgnoreError}: nothing here reports through errno.
 */
public interface LibIpsecMb {
    /** IMB_ARCH (intel-ipsec-mb.h). */
    int IMB_ARCH_SSE = 2;
    int IMB_ARCH_AVX = 3;
    int IMB_ARCH_AVX2 = 4;
    int IMB_ARCH_AVX512 = 5;
    /** IMB_FEATURE_* bits of {@link #imb_get_feature_flags()}. */
    long IMB_FEATURE_VAES = 1L << 12;
    long IMB_FEATURE_VPCLMULQDQ = 1L << 13;

    /** e.g. "1.3.0". */
    String imb_get_version_str();

    /** The CPU features the library found. */
    long imb_get_feature_flags();

    /** A manager (0 on allocation failure), for {@link #init_mb_mgr_auto} to report the architecture it picks. */
    @intptr_t
    long alloc_mb_mgr(long flags);

    /** @param arch where the IMB_ARCH the library picked for this CPU is written (an int) */
    void init_mb_mgr_auto(@intptr_t long manager, @intptr_t long arch);

    void free_mb_mgr(@intptr_t long manager);
}
