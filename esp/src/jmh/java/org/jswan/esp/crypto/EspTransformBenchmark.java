package org.jswan.esp.crypto;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal/open cost per transform and payload size, in place on a direct buffer as the data path uses it. Run with
 * {@code -prof gc} for the allocation gate (STYLE B.3). See esp/README-bench.md for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EspTransformBenchmark {
    @Param({"AES_GCM_128", "AES_GCM_256", "CHACHA20_POLY1305", "AES_CBC_128_SHA256", "AES_CBC_256_SHA512"})
    public String transform;

    @Param({"64", "512", "1400"})
    public int size;

    /** IPSECMB (the default: AES-GCM on ipsec-mb, the rest on libcrypto), GNUTLS, OPENSSL (all on libcrypto), JCA. */
    @Param({"IPSECMB", "GNUTLS", "OPENSSL", "JCA"})
    public String backend;

    private EspTransform out;
    private EspTransform in;
    private ByteBuffer buf;
    private ByteBuffer sealed;
    private int sealedLength;
    private long seq;

    @Setup(Level.Trial)
    public void setup() {
        int encr;
        int integ = 0;
        int bits;
        switch (transform) {
            case "AES_GCM_128":
                encr = EspTransformFactory.ENCR_AES_GCM_16;
                bits = 128;
                break;
            case "AES_GCM_256":
                encr = EspTransformFactory.ENCR_AES_GCM_16;
                bits = 256;
                break;
            case "CHACHA20_POLY1305":
                encr = EspTransformFactory.ENCR_CHACHA20_POLY1305;
                bits = 256;
                break;
            case "AES_CBC_128_SHA256":
                encr = EspTransformFactory.ENCR_AES_CBC;
                integ = EspTransformFactory.AUTH_HMAC_SHA2_256_128;
                bits = 128;
                break;
            default:
                encr = EspTransformFactory.ENCR_AES_CBC;
                integ = EspTransformFactory.AUTH_HMAC_SHA2_512_256;
                bits = 256;
                break;
        }
        byte[] ek = new byte[EspTransformFactory.encryptionKeymatLength(encr, bits)];
        byte[] ik = new byte[EspTransformFactory.integrityKeyLength(integ)];
        CryptoBackend b = CryptoBackend.valueOf(backend);
        out = EspTransformFactory.create(b, encr, integ, bits, ek, ik, true, false);
        in = EspTransformFactory.create(b, encr, integ, bits, ek, ik, false, false);
        int aligned = (size + 15) / 16 * 16;
        buf = ByteBuffer.allocateDirect(64 + aligned + 64);
        sealed = ByteBuffer.allocateDirect(buf.capacity());
        buf.putInt(0, 0x1234);
        buf.putInt(4, 1);
        sealedLength = out.seal(buf, 0, aligned, 1);
        for (int i = 0; i < buf.capacity(); i++) {
            sealed.put(i, buf.get(i));
        }
        seq = 2;
        // A benchmark of the failure path would flatter open(): check once that the packet opens.
        if (open() != aligned) {
            throw new IllegalStateException(transform + "/" + backend + ": the sealed packet does not open");
        }
    }

    @Benchmark
    public int seal() {
        int aligned = (size + 15) / 16 * 16;
        buf.putInt(4, (int) seq);
        return out.seal(buf, 0, aligned, seq++);
    }

    /** Includes copying the sealed packet back in (the open is destructive); compare against {@link #copyOnly}. */
    @Benchmark
    public int open() {
        buf.clear();
        sealed.clear().limit(sealedLength);
        buf.put(sealed);
        return in.open(buf, 0, sealedLength, 1);
    }

    @Benchmark
    public int copyOnly() {
        buf.clear();
        sealed.clear().limit(sealedLength);
        buf.put(sealed);
        return buf.position();
    }
}
