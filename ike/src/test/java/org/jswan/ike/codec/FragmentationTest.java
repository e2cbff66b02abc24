package org.jswan.ike.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jswan.ike.message.CertEncoding;
import org.jswan.ike.message.CertPayload;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;
import org.junit.jupiter.api.Test;

class FragmentationTest {

    private static IkeMessage bigAuth() {
        final IkeMessage m = Samples.ikeAuthRequest();
        final List<Payload> payloads = new ArrayList<>(m.payloads());
        payloads.add(1, new CertPayload(CertEncoding.X509_CERTIFICATE_SIGNATURE, Samples.bytes(3000, 1)));
        return new IkeMessage(m.header(), payloads, true);
    }

    private static List<Fragment> open(final List<byte[]> datagrams, final TestSkCipher cipher)
            throws DecodeException {
        final List<Fragment> out = new ArrayList<>();
        for (final byte[] d : datagrams) {
            final IkeHeader h = MessageCodec.decodeHeader(d);
            assertTrue(MessageCodec.isFragment(h));
            out.add(MessageCodec.decodeFragment(h, d, cipher));
        }
        return out;
    }

    @Test
    void smallMessageIsNotFragmented() throws DecodeException {
        final List<byte[]> out = MessageCodec.encodeFragments(Samples.ikeAuthRequest(), new TestSkCipher(1), 1280);
        assertEquals(1, out.size());
        assertEquals(PayloadType.SK, MessageCodec.decodeHeader(out.get(0)).nextPayload());
    }

    @Test
    void fragmentsReassembleInAnyOrder() throws DecodeException {
        final IkeMessage m = bigAuth();
        final List<byte[]> datagrams = MessageCodec.encodeFragments(m, new TestSkCipher(1), 576);
        assertTrue(datagrams.size() > 5, "fragments: " + datagrams.size());
        for (final byte[] d : datagrams) {
            assertTrue(d.length <= 576, "fragment of " + d.length);
        }
        final List<Fragment> fragments = open(datagrams, new TestSkCipher(1));
        assertEquals(PayloadType.IDI, fragments.get(0).firstInner());
        assertEquals(PayloadType.NONE, fragments.get(1).firstInner());
        Collections.shuffle(fragments, new Random(7383));
        final Reassembler r = new Reassembler();
        Optional<IkeMessage> result = Optional.empty();
        for (int i = 0; i < fragments.size(); i++) {
            result = r.add(fragments.get(i));
            assertEquals(i == fragments.size() - 1, result.isPresent());
            if (i == 0) {
                assertTrue(r.add(fragments.get(0)).isEmpty()); // duplicate ignored
            }
        }
        final IkeMessage back = result.orElseThrow();
        assertEquals("IKE_AUTH request 1 [ IDi CERT N(INIT_CONTACT) AUTH SA TSi TSr N(MOBIKE_SUP) ]", back.summary());
        assertArrayEquals(((CertPayload) m.payloads().get(1)).data(), ((CertPayload) back.payloads().get(1)).data());
    }

    @Test
    void tamperedFragmentIsDropped() {
        final List<byte[]> datagrams = MessageCodec.encodeFragments(bigAuth(), new TestSkCipher(1), 576);
        final byte[] d = datagrams.get(2).clone();
        d[IkeHeader.LENGTH + 5] ^= 1; // Total Fragments is authenticated (RFC 7383 §2.5)
        final DecodeException e = assertThrows(DecodeException.class,
                () -> MessageCodec.decodeFragment(MessageCodec.decodeHeader(d), d, new TestSkCipher(1)));
        assertTrue(e.silentDrop());
    }

    @Test
    void limits() throws DecodeException {
        final List<Fragment> fragments = open(MessageCodec.encodeFragments(bigAuth(), new TestSkCipher(1), 576),
                new TestSkCipher(1));
        final Reassembler fewFragments = new Reassembler(2, 65535);
        assertTrue(assertThrows(DecodeException.class, () -> fewFragments.add(fragments.get(0))).silentDrop());
        final Reassembler fewBytes = new Reassembler(64, 1000);
        DecodeException e = null;
        try {
            for (final Fragment f : fragments) {
                fewBytes.add(f);
            }
        } catch (final DecodeException ex) {
            e = ex;
        }
        assertTrue(e != null && e.silentDrop(), "size limit must trigger");
        // RFC 7383 §2.5: Next Payload only in fragment 1
        final Fragment f2 = fragments.get(1);
        final Fragment bad = new Fragment(f2.header(), f2.number(), f2.total(), PayloadType.SA, f2.plaintext());
        assertThrows(DecodeException.class, () -> new Reassembler().add(bad));
    }

    @Test
    void refragmentationWithMoreFragmentsRestarts() throws DecodeException {
        final List<Fragment> large = open(MessageCodec.encodeFragments(bigAuth(), new TestSkCipher(1), 1200),
                new TestSkCipher(1));
        final List<Fragment> small = open(MessageCodec.encodeFragments(bigAuth(), new TestSkCipher(1), 576),
                new TestSkCipher(1));
        final Reassembler r = new Reassembler();
        r.add(large.get(0));
        Optional<IkeMessage> result = Optional.empty();
        for (final Fragment f : small) {
            result = r.add(f);
        }
        assertTrue(result.isPresent());
        // a late fragment of the coarser fragmentation is refused
        r.add(small.get(0));
        assertThrows(DecodeException.class, () -> r.add(large.get(1)));
    }
}
