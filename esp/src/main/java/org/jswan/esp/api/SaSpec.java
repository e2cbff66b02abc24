package org.jswan.esp.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything the data plane needs to install one SA (the shape of strongSwan's {@code kernel_ipsec_add_sa_t}).
 *
 * @param spi           SPI in host order (the inbound SPI was allocated by {@link IpsecDataPlane#allocateSpi})
 * @param reqid         ties an outbound SA to the policies that select it
 * @param encrId        IANA encryption transform id (12 AES-CBC, 20 AES-GCM-16, 28 ChaCha20-Poly1305)
 * @param integId       IANA integrity transform id (0 for AEAD; 12, 13, 14 for HMAC-SHA2)
 * @param encrKeyBits   encryption key length without salt (128/192/256)
 * @param encrKey       encryption key, with the 4-byte salt appended for AEAD (as IKE's KEYMAT gives it)
 * @param integKey      integrity key (empty for AEAD)
 * @param replayWindow  inbound anti-replay window size in packets (0 disables the check)
 * @param localTs       selectors for our side of the traffic (inner source outbound, inner destination inbound)
 * @param remoteTs      selectors for the peer's side
 * @param tfcPadTo      tunnel mode only: pad the inner packet with TFC padding up to this size (RFC 4303 §2.7); 0 off
 * @param initialSeq    the sequence number counter at installation, 0 normally (RFC 4303 §3.3.3): outbound, the first
 *                      packet carries {@code initialSeq + 1}; inbound, the highest number taken as received (the replay
 *                      window's top). Like {@code ip xfrm state ... replay-oseq/replay-seq}, for manual keys and
 *                      tests of the 2^32 boundary under ESN
 */
public record SaSpec(int spi, Direction direction, Mode mode, int reqid, EspEndpoint endpoint, int encrId,
        int integId, int encrKeyBits, byte[] encrKey, byte[] integKey, boolean esn, int replayWindow, Lifetime soft,
        Lifetime hard, List<TrafficSelector> localTs, List<TrafficSelector> remoteTs, int tfcPadTo, long initialSeq) {

    public SaSpec {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(encrKey, "encrKey");
        integKey = integKey == null ? new byte[0] : integKey;
        soft = soft == null ? Lifetime.UNLIMITED : soft;
        hard = hard == null ? Lifetime.UNLIMITED : hard;
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        if (replayWindow < 0 || tfcPadTo < 0 || tfcPadTo > 65535) {
            throw new IllegalArgumentException("replayWindow/tfcPadTo out of range");
        }
        // RFC 4303 §2.2.1: the receiver infers the high 32 bits from its window, so ESN needs one.
        if (esn && direction == Direction.INBOUND && replayWindow == 0) {
            throw new IllegalArgumentException("an inbound ESN SA needs a replay window");
        }
        // RFC 4303 §3.3.3: without ESN the counter is 32 bits and must not cycle.
        if (initialSeq < 0 || !esn && initialSeq > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("initialSeq " + Long.toUnsignedString(initialSeq) + " outside 0.."
                    + (esn ? Long.MAX_VALUE : 0xFFFF_FFFFL));
        }
    }

    /** An SA whose sequence number counter starts at 0, as every IKE-negotiated SA does. */
    public SaSpec(final int spi, final Direction direction, final Mode mode, final int reqid,
            final EspEndpoint endpoint, final int encrId, final int integId, final int encrKeyBits,
            final byte[] encrKey, final byte[] integKey, final boolean esn, final int replayWindow, final Lifetime soft,
            final Lifetime hard, final List<TrafficSelector> localTs, final List<TrafficSelector> remoteTs,
            final int tfcPadTo) {
        this(spi, direction, mode, reqid, endpoint, encrId, integId, encrKeyBits, encrKey, integKey, esn,
                replayWindow, soft, hard, localTs, remoteTs, tfcPadTo, 0);
    }

    @Override
    public String toString() {
        return "SaSpec[spi=" + String.format("%08x", spi) + ", " + direction + ", " + mode + ", reqid=" + reqid + ", "
                + endpoint + ", encr=" + encrId + "/" + encrKeyBits + ", integ=" + integId + ", keys=<redacted>, esn="
                + esn + ", replay=" + replayWindow + ", soft=" + soft + ", hard=" + hard + ", local=" + localTs
                + ", remote=" + remoteTs + (initialSeq == 0 ? "" : ", initialSeq=" + initialSeq) + "]";
    }
}
