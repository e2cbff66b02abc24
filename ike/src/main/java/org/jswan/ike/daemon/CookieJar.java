package org.jswan.ike.daemon;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.jswan.ike.codec.MessageCodec;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;

/**
 * Stateless COOKIE challenges against IKE_SA_INIT floods (RFC 7296 §2.6): {@code Cookie = <VersionIDofSecret> |
 * Hash(Ni | IPi | SPIi | <secret>)}. Under load the responder answers a request without a valid cookie with
 * N(COOKIE) alone and keeps no state.
 */
final class CookieJar {
    private final byte[] secret = new byte[32];

    CookieJar(final SecureRandom random) {
        random.nextBytes(secret);
    }

    /** True if {@code request} carries our cookie; otherwise sends the challenge and returns false. */
    boolean verify(final IkeMessage request, final InetSocketAddress from, final IkeDaemon daemon) {
        NoncePayload nonce = null;
        for (NoncePayload n : request.payloads(NoncePayload.class)) {
            nonce = n;
        }
        if (nonce == null) {
            return false;
        }
        byte[] expected = cookie(nonce.data(), from, request.header().spiI());
        NotifyPayload got = request.notify(NotifyType.COOKIE);
        if (got != null && MessageDigest.isEqual(got.data(), expected)) {
            return true;
        }
        IkeHeader h = IkeHeader.of(request.header().spiI(), 0, request.exchangeType(), false, true, 0);
        byte[] challenge = MessageCodec.encode(new IkeMessage(h, java.util.List.of(NotifyPayload.of(NotifyType.COOKIE,
                expected)), false), null);
        daemon.sendRaw(challenge, from);
        return false;
    }

    private byte[] cookie(final byte[] ni, final InetSocketAddress from, final long spiI) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ni);
            sha.update(from.getAddress().getAddress());
            sha.update(ByteBuffer.allocate(8).putLong(spiI).array());
            sha.update(secret);
            byte[] h = sha.digest();
            byte[] out = new byte[1 + h.length];
            System.arraycopy(h, 0, out, 1, h.length);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
