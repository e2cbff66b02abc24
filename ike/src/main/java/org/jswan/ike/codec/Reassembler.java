package org.jswan.ike.codec;

import java.util.Optional;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.message.WireReader;
import org.jswan.ike.message.WireWriter;

/**
 * Collects the fragments of one message (RFC 7383 §2.6) with limits on fragment count and total size. One
 * instance per IKE SA and direction; confined to the control thread. The timeout is the caller's: call
 * {@link #reset()} when the retransmission timer of the message gives up.
 */
public final class Reassembler {
    public static final int DEFAULT_MAX_FRAGMENTS = 64;

    private final int maxFragments;
    private final int maxBytes;
    private long messageId = -1;
    private byte[][] parts;
    private PayloadType first = PayloadType.NONE;
    private int received;
    private int bytes;

    public Reassembler() {
        this(DEFAULT_MAX_FRAGMENTS, MessageCodec.MAX_MESSAGE_LENGTH);
    }

    public Reassembler(final int maxFragments, final int maxBytes) {
        this.maxFragments = maxFragments;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a verified fragment; returns the message once all fragments are in (and it passed
     * {@link MessageRules}), else empty. A fragment of another message id restarts reassembly.
     */
    public Optional<IkeMessage> add(final Fragment f) throws DecodeException {
        if (f.total() > maxFragments) {
            throw DecodeException.drop("message in " + f.total() + " fragments, limit " + maxFragments);
        }
        if (f.number() < 1 || f.number() > f.total()) {
            throw DecodeException.drop("fragment " + f.number() + " of " + f.total());
        }
        // RFC 7383 §2.5: Next Payload is set in fragment 1 only.
        final boolean names = !f.firstInner().equals(PayloadType.NONE);
        if (names != (f.number() == 1)) {
            throw DecodeException.drop("fragment " + f.number() + " with next payload " + f.firstInner());
        }
        if (parts == null || f.header().messageId() != messageId || f.total() > parts.length) {
            // RFC 7383 §2.6: a larger Total Fragments means the sender re-fragmented; start again.
            start(f.header().messageId(), f.total());
        } else if (f.total() < parts.length) {
            throw DecodeException.drop("fragment of an older fragmentation (" + f.total() + " < " + parts.length
                    + ")");
        }
        if (parts[f.number() - 1] != null) {
            return Optional.empty(); // retransmitted fragment
        }
        if (bytes + f.plaintext().length > maxBytes) {
            reset();
            throw DecodeException.drop("reassembled message exceeds " + maxBytes + " bytes");
        }
        parts[f.number() - 1] = f.plaintext();
        bytes += f.plaintext().length;
        received++;
        if (f.number() == 1) {
            first = f.firstInner();
        }
        if (received < parts.length) {
            return Optional.empty();
        }
        final WireWriter w = new WireWriter(bytes);
        for (final byte[] p : parts) {
            w.bytes(p);
        }
        final PayloadType firstInner = first;
        reset();
        final byte[] plain = w.toByteArray();
        final IkeMessage message = new IkeMessage(
                f.header().withNextPayloadAndLength(PayloadType.SK, f.header().length()),
                PayloadChainCodec.decode(firstInner, new WireReader(plain)), true);
        MessageRules.validate(message);
        return Optional.of(message);
    }

    private void start(final long mid, final int total) {
        messageId = mid;
        parts = new byte[total][];
        first = PayloadType.NONE;
        received = 0;
        bytes = 0;
    }

    /** Forgets all fragments (timeout, or the IKE SA moved on). */
    public void reset() {
        parts = null;
        messageId = -1;
        first = PayloadType.NONE;
        received = 0;
        bytes = 0;
    }
}
