package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.codec.DecodeException;

/**
 * Traffic Selector payload, TSi or TSr (RFC 7296 §3.13).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Number of TSs |                 RESERVED                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                       &lt;Traffic Selectors&gt;                     ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param initiator true for TSi (44), false for TSr (45)
 */
public record TsPayload(boolean initiator, List<TrafficSelector> selectors) implements Payload {
    /** Bound on selectors per payload (the count field allows 255). */
    public static final int MAX_SELECTORS = 64;

    public TsPayload {
        selectors = List.copyOf(selectors);
    }

    public static TsPayload decode(final boolean initiator, final WireReader body) throws DecodeException {
        final int count = body.u8("TS count");
        body.skip(3, "TS reserved");
        if (count == 0 || count > MAX_SELECTORS) {
            throw DecodeException.invalidSyntax("TS payload with " + count + " selectors");
        }
        final List<TrafficSelector> selectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            selectors.add(TrafficSelector.decode(body));
        }
        body.expectEnd("TS payload");
        return new TsPayload(initiator, selectors);
    }

    @Override
    public PayloadType type() {
        return initiator ? PayloadType.TSI : PayloadType.TSR;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(selectors.size()).zeros(3);
        for (final TrafficSelector ts : selectors) {
            ts.encode(out);
        }
    }
}
