package org.jswan.esp.crypto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kenai.jffi.MemoryIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import org.jswan.nativeio.crypto.LibGnutls;
import org.junit.jupiter.api.Test;

/**
 * Any refused nonce puts all of GnuTLS into its error state, after which it refuses every new key. An SA negotiated
 * after that must still come up, on OpenSSL, and interoperate with SAs keyed before. Run in a child JVM, since the
 * error state lasts as long as the process.
 */
class GnutlsFallbackTest {

    @Test
    void anSaKeyedAfterGnutlsBrokeRunsOnOpenSsl() throws IOException, InterruptedException {
        String out = ChildJvm.run(BreakGnutlsThenKey.class);
        assertTrue(out.contains("before: GnuTLS"), out);
        assertTrue(out.contains("after: OpenSSL"), out);
        assertTrue(out.contains("opened by the earlier GnuTLS SA: 100"), out);
        assertTrue(out.contains("GnuTLS cannot key AES-128-GCM") && out.contains("this SA runs on openssl"), out);
    }

    /** The child: keys an SA on GnuTLS, breaks the library with an 11-byte nonce, keys another. */
    public static final class BreakGnutlsThenKey {
        public static void main(final String[] args) {
            byte[] keymat = new byte[20];
            keymat[0] = 7;
            EspTransform before = EspTransformFactory.create(CryptoBackend.GNUTLS, EspTransformFactory.ENCR_AES_GCM_16,
                    EspTransformFactory.AUTH_NONE, 128, keymat, new byte[0], false, false);
            System.out.println("before: " + ((NativeAeadTransform) before).library);

            // Layout of the scratch block: handle at 0, key datum {pointer, length} at 16, zero key at 32, nonce at 48.
            LibGnutls lib = LibraryLoader.create(LibGnutls.class).load("libgnutls.so.30");
            MemoryIO memory = MemoryIO.getInstance();
            ByteBuffer scratch = ByteBuffer.allocateDirect(64);
            long at = memory.getDirectBufferAddress(scratch);
            memory.putAddress(at + 16, at + 32);
            memory.putInt(at + 24, 16);
            if (lib.gnutls_cipher_init(at, LibGnutls.GNUTLS_CIPHER_AES_128_GCM, at + 16, 0) != 0) {
                throw new IllegalStateException("could not make a handle to break GnuTLS with");
            }
            lib.gnutls_cipher_set_iv(memory.getAddress(at), at + 48, 11);

            EspTransform after = EspTransformFactory.create(CryptoBackend.GNUTLS, EspTransformFactory.ENCR_AES_GCM_16,
                    EspTransformFactory.AUTH_NONE, 128, keymat, new byte[0], true, false);
            System.out.println("after: " + ((NativeAeadTransform) after).library);
            ByteBuffer packet = ByteBuffer.allocateDirect(200);
            packet.putInt(0, 0x1234);
            int sealed = after.seal(packet, 0, 100, 1);
            System.out.println("opened by the earlier GnuTLS SA: " + before.open(packet, 0, sealed, 1));
        }
    }
}
