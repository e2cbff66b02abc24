package org.jswan.ike.task;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.sa.IkeSa;

/** A message being built by the tasks of one exchange; becomes an {@link IkeMessage} for the codec. */
public final class OutboundMessage {
    private final IkeSa sa;
    private final ExchangeType exchange;
    private final long messageId;
    private final boolean response;
    private final List<Payload> payloads = new ArrayList<>();

    OutboundMessage(final IkeSa sa, final ExchangeType exchange, final long messageId, final boolean response) {
        this.sa = sa;
        this.exchange = exchange;
        this.messageId = messageId;
        this.response = response;
    }

    public ExchangeType exchangeType() {
        return exchange;
    }

    public boolean isResponse() {
        return response;
    }

    public long messageId() {
        return messageId;
    }

    public void add(final Payload payload) {
        payloads.add(payload);
    }

    /** Notifies go first in strongSwan's payload order; the codec's rules accept them anywhere. */
    public void addNotify(final NotifyType type, final byte[] data) {
        payloads.add(NotifyPayload.of(type, data));
    }

    public boolean hasNotify(final NotifyType type) {
        for (Payload p : payloads) {
            if (p instanceof NotifyPayload n && n.notifyType().equals(type)) {
                return true;
            }
        }
        return false;
    }

    public List<Payload> payloads() {
        return payloads;
    }

    /** Drops everything built so far (an error notify replaces the response). */
    public void clear() {
        payloads.clear();
    }

    public IkeMessage toMessage() {
        IkeHeader header = IkeHeader.of(sa.spiI(), sa.spiR(), exchange, sa.originalInitiator(), response, messageId);
        return new IkeMessage(header, payloads, !exchange.equals(ExchangeType.IKE_SA_INIT));
    }
}
