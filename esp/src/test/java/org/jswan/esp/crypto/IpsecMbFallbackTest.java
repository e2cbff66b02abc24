package org.jswan.esp.crypto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Without ipsec-mb (not x86-64, or libipsec-mb1 not installed) AES-GCM runs on GnuTLS, the start log says why and
 * what to install, and what those SAs seal opens elsewhere. Run in a child JVM told to load a library file that does
 * not exist, since the libraries are loaded once per process.
 */
class IpsecMbFallbackTest {

    @Test
    void withoutIpsecMbAesGcmRunsOnGnutls() throws IOException, InterruptedException {
        String out = ChildJvm.run(KeyWithoutIpsecMb.class, "-Djswan.esp.ipsecmb.library=libIPSec_MB.so.missing");
        assertTrue(out.contains("selected: GNUTLS"), out);
        assertTrue(out.contains("ESP crypto: AES-GCM on GnuTLS 3.") && out.contains("(ipsec-mb: cannot load "
                + "libIPSec_MB.so.missing (") && out.contains("); install libipsec-mb1)"), out);
        assertTrue(out.lines().filter(l -> l.startsWith("ESP crypto:")).count() == 1, "one line: " + out);
        assertTrue(out.contains("sealed by: GnuTLS"), out);
        assertTrue(out.contains("opened on OpenSSL: 100"), out);
    }

    /** The child: no ipsec-mb here; seals on the default backend, opens on OpenSSL. */
    public static final class KeyWithoutIpsecMb {
        public static void main(final String[] args) {
            System.out.println("selected: " + CryptoBackend.selected());
            System.out.println(CryptoBackend.describe());
            byte[] keymat = new byte[20];
            keymat[5] = 3;
            EspTransform out = EspTransformFactory.create(EspTransformFactory.ENCR_AES_GCM_16,
                    EspTransformFactory.AUTH_NONE, 128, keymat, new byte[0], true, false);
            System.out.println("sealed by: " + ((NativeAeadTransform) out).library);
            ByteBuffer packet = ByteBuffer.allocateDirect(200);
            packet.putInt(0, 0x1234);
            int sealed = out.seal(packet, 0, 100, 1);
            EspTransform in = EspTransformFactory.create(CryptoBackend.OPENSSL, EspTransformFactory.ENCR_AES_GCM_16,
                    EspTransformFactory.AUTH_NONE, 128, keymat, new byte[0], false, false);
            System.out.println("opened on OpenSSL: " + in.open(packet, 0, sealed, 1));
        }
    }
}
