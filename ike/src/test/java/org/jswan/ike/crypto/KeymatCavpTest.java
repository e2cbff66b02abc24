package org.jswan.ike.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published NIST CAVP SP 800-135 IKEv2 KDF samples (SHA-256, SHA-384) against {@link Keymat} and
 * {@link PrfPlus}.
 */
class KeymatCavpTest {

    @ParameterizedTest
    @ValueSource(strings = {"ike/prf-plus/nist-kdf135-ikev2-sha256.txt", "ike/prf-plus/nist-kdf135-ikev2-sha384.txt"})
    void skeyseedDkmAndRekey(final String file) throws Exception {
        final VectorFile.Block v = VectorFile.read(file).get(0);
        final Prf prf = HmacPrf.of(Algorithm.valueOf(v.get("prf")));
        final byte[] ni = v.hex("ni");
        final byte[] nr = v.hex("nr");
        final byte[] skeyseed = Keymat.skeyseed(prf, ni, nr, Secret.copyOf(v.hex("gir")));
        assertArrayEquals(v.hex("skeyseed"), skeyseed);

        final byte[] dkm = v.hex("dkm");
        final byte[] seed = Keymat.concat(ni, nr, v.hex("spii"), v.hex("spir"));
        assertArrayEquals(dkm, PrfPlus.derive(prf, skeyseed, seed, dkm.length));

        // deriveIkeKeys cuts the same stream: SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr
        final Algorithm prfAlg = Algorithm.valueOf(v.get("prf"));
        final Algorithm integ = prfAlg == Algorithm.PRF_HMAC_SHA2_256 ? Algorithm.HMAC_SHA2_256_128
                : Algorithm.HMAC_SHA2_384_192;
        final IkeSaKeys keys = Keymat.deriveIkeKeys(NegotiatedTransforms.ike(Algorithm.AES_CBC_128, integ, prfAlg,
                Algorithm.MODP_2048), ni, nr, Secret.copyOf(v.hex("gir")), v.hex("spii"), v.hex("spir"));
        final byte[] cut = Keymat.concat(keys.skD().bytes(), keys.skAi().bytes(), keys.skAr().bytes(),
                keys.skEi().bytes());
        final int n = Math.min(cut.length, dkm.length);
        assertArrayEquals(Arrays.copyOf(dkm, n), Arrays.copyOf(cut, n));

        final byte[] skD = Arrays.copyOf(dkm, prf.preferredKeyLength());
        assertArrayEquals(v.hex("skeyseed_rekey"), Keymat.rekeySkeyseed(prf, Secret.copyOf(skD),
                Secret.copyOf(v.hex("gir_new")), ni, nr));
    }
}
