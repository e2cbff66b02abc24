package org.jswan.esp.crypto;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bytes allocated per AEAD seal/open by JCA usage pattern (byte[], direct or heap ByteBuffer), measured with
 * ThreadMXBean; see esp/README-bench.md.
 */
public class JcaAeadAllocationProbe {
    static com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    interface Op { void run(long i) throws Exception; }
    static long measure(Op op) throws Exception {
        for (int i = 0; i < 20000; i++) op.run(i);
        long t = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(t);
        int n = 20000;
        for (int i = 0; i < n; i++) op.run(100000 + i);
        return (mx.getThreadAllocatedBytes(t) - before) / n;
    }
    public static void main(String[] a) throws Exception {
        int len = 1400;
        for (String alg : new String[] {"AES/GCM/NoPadding", "ChaCha20-Poly1305"}) {
            boolean gcm = alg.startsWith("AES");
            SecretKeySpec key = new SecretKeySpec(new byte[gcm ? 16 : 32], gcm ? "AES" : "ChaCha20");
            Cipher enc = Cipher.getInstance(alg);
            Cipher dec = Cipher.getInstance(alg);
            byte[] nonce = new byte[12];
            byte[] arr = new byte[len + 16];
            ByteBuffer direct = ByteBuffer.allocateDirect(2 * (len + 16));
            ByteBuffer heap = ByteBuffer.allocate(2 * (len + 16));
            java.util.function.Function<byte[], java.security.spec.AlgorithmParameterSpec> spec =
                gcm ? n -> new GCMParameterSpec(128, n) : n -> new IvParameterSpec(n);
            String[] names = {"byte[] in place", "direct BB in place", "direct BB disjoint", "heap BB in place"};
            for (int mode = 0; mode < 4; mode++) {
                final int m = mode;
                long seal = measure(i -> {
                    nonce[4] = (byte) i;
                    nonce[5] = (byte) (i >> 8);
                    nonce[6] = (byte) (i >> 16);
                    nonce[7] = (byte) (i >> 24);
                    enc.init(Cipher.ENCRYPT_MODE, key, spec.apply(nonce));
                    enc.updateAAD(nonce, 0, 8);
                    if (m == 0) enc.doFinal(arr, 0, len, arr, 0);
                    else {
                        ByteBuffer b = m == 3 ? heap : direct;
                        b.clear().limit(len); ByteBuffer out = b.duplicate(); out.limit(out.capacity());
                        if (m == 2) {
                            out.position(len + 16).limit(2 * (len + 16));
                        } else {
                            out.position(0).limit(len + 16);
                        }
                        enc.doFinal(b, out);
                    }
                });
                System.out.printf("%s %-22s %-19s seal %5d B/op%n", Runtime.version().feature(), alg, names[m], seal);
            }
            // open: seal once, decrypt repeatedly (same nonce is fine for decryption)
            for (int mode = 0; mode < 4; mode++) {
                final int m = mode;
                // two nonces alternate: JDK 17's ChaCha20 refuses the same key and nonce twice in a row, even to
                // decrypt
                byte[][] nonces = {new byte[12], new byte[12]};
                byte[][] cts = new byte[2][];
                for (int k = 0; k < 2; k++) {
                    nonces[k][0] = (byte) (mode + 1);
                    nonces[k][1] = (byte) k;
                    Cipher once = Cipher.getInstance(alg);
                    once.init(Cipher.ENCRYPT_MODE, key, spec.apply(nonces[k]));
                    cts[k] = once.doFinal(new byte[len]);
                }
                long open = measure(i -> {
                    int k = (int) (i & 1);
                    byte[] ct = cts[k];
                    dec.init(Cipher.DECRYPT_MODE, key, spec.apply(nonces[k]));
                    if (m == 0) { System.arraycopy(ct, 0, arr, 0, ct.length); dec.doFinal(arr, 0, ct.length, arr, 0); }
                    else {
                        ByteBuffer b = m == 3 ? heap : direct;
                        b.clear(); b.put(ct); b.flip(); ByteBuffer out = b.duplicate(); out.limit(out.capacity());
                        if (m == 2) {
                            out.position(len + 16).limit(2 * (len + 16));
                        } else {
                            out.position(0).limit(len + 16);
                        }
                        dec.doFinal(b, out);
                    }
                });
                System.out.printf("%s %-22s %-19s open %5d B/op%n", Runtime.version().feature(), alg, names[m], open);
            }
        }
    }
}
