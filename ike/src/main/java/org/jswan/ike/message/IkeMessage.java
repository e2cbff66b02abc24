package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An IKE message: its header and its payloads in wire order. On the receive side the payloads are those found
 * after decryption (the SK payload itself is not listed) and {@code encrypted} says they were inside SK{...}; on
 * the send side {@code encrypted} asks the codec to put them inside SK{...}. Header next-payload and length are
 * computed by the codec when encoding.
 */
public record IkeMessage(IkeHeader header, List<Payload> payloads, boolean encrypted) {

    public IkeMessage {
        payloads = List.copyOf(payloads);
    }

    public ExchangeType exchangeType() {
        return header.exchangeType();
    }

    public boolean isResponse() {
        return header.response();
    }

    public long messageId() {
        return header.messageId();
    }

    /** The payloads of one type, in order. */
    public <T extends Payload> List<T> payloads(final Class<T> kind) {
        final List<T> out = new ArrayList<>();
        for (final Payload p : payloads) {
            if (kind.isInstance(p)) {
                out.add(kind.cast(p));
            }
        }
        return out;
    }

    /** The first payload of {@code type}, or {@code null}. */
    public Payload first(final PayloadType type) {
        for (final Payload p : payloads) {
            if (p.type().equals(type)) {
                return p;
            }
        }
        return null;
    }

    /** The first notify of {@code type}, or {@code null}. */
    public NotifyPayload notify(final NotifyType type) {
        for (final Payload p : payloads) {
            if (p instanceof NotifyPayload n && n.notifyType().equals(type)) {
                return n;
            }
        }
        return null;
    }

    /** One-line description in strongSwan's log format: {@code IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) ]}. */
    public String summary() {
        final StringJoiner j = new StringJoiner(" ", "[ ", " ]").setEmptyValue("[ ]");
        for (final Payload p : payloads) {
            j.add(p.summaryName());
        }
        return header.exchangeType() + (header.response() ? " response " : " request ") + header.messageId() + " "
                + j;
    }

    @Override
    public String toString() {
        return summary();
    }
}
