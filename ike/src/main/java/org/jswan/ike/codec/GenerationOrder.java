package org.jswan.ike.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;

/**
 * The order in which payloads are put on the wire for each kind of message, after strongSwan's
 * {@code payload_order_t} tables in {@code message.c}, so that peers' logs read the same. Tasks add payloads in
 * any order; {@link #apply} sorts them stably. Payloads that match no entry keep their relative order at the end.
 */
public final class GenerationOrder {
    private static final Map<String, List<Entry>> ORDERS = new HashMap<>();

    /** One slot: a payload type, and for notifies a specific type or {@code null} for "any other notify". */
    private record Entry(PayloadType type, NotifyType notifyType) {
        boolean matches(final Payload p) {
            if (!p.type().equals(type)) {
                return false;
            }
            return notifyType == null || p instanceof NotifyPayload n && n.notifyType().equals(notifyType);
        }
    }

    static {
        define(ExchangeType.IKE_SA_INIT, false, n(NotifyType.COOKIE), p(PayloadType.SA), p(PayloadType.KE),
                p(PayloadType.NONCE), n(NotifyType.NAT_DETECTION_SOURCE_IP),
                n(NotifyType.NAT_DETECTION_DESTINATION_IP), n(null), p(PayloadType.VENDOR_ID));
        define(ExchangeType.IKE_SA_INIT, true, p(PayloadType.SA), p(PayloadType.KE), p(PayloadType.NONCE),
                n(NotifyType.NAT_DETECTION_SOURCE_IP), n(NotifyType.NAT_DETECTION_DESTINATION_IP),
                p(PayloadType.CERTREQ), n(null), p(PayloadType.VENDOR_ID));
        define(ExchangeType.IKE_AUTH, false, p(PayloadType.IDI), p(PayloadType.CERT), n(NotifyType.INITIAL_CONTACT),
                n(NotifyType.HTTP_CERT_LOOKUP_SUPPORTED), p(PayloadType.CERTREQ), p(PayloadType.IDR),
                p(PayloadType.AUTH), p(PayloadType.EAP), p(PayloadType.CP), n(NotifyType.IPCOMP_SUPPORTED),
                n(NotifyType.USE_TRANSPORT_MODE), n(NotifyType.ESP_TFC_PADDING_NOT_SUPPORTED),
                n(NotifyType.NON_FIRST_FRAGMENTS_ALSO), p(PayloadType.SA), p(PayloadType.TSI), p(PayloadType.TSR),
                n(NotifyType.MOBIKE_SUPPORTED), n(NotifyType.ADDITIONAL_IP4_ADDRESS),
                n(NotifyType.ADDITIONAL_IP6_ADDRESS), n(NotifyType.NO_ADDITIONAL_ADDRESSES), n(null),
                p(PayloadType.VENDOR_ID));
        define(ExchangeType.IKE_AUTH, true, p(PayloadType.IDR), p(PayloadType.CERT), p(PayloadType.AUTH),
                p(PayloadType.EAP), p(PayloadType.CP), n(NotifyType.IPCOMP_SUPPORTED),
                n(NotifyType.USE_TRANSPORT_MODE), n(NotifyType.ESP_TFC_PADDING_NOT_SUPPORTED),
                n(NotifyType.NON_FIRST_FRAGMENTS_ALSO), p(PayloadType.SA), p(PayloadType.TSI), p(PayloadType.TSR),
                n(NotifyType.AUTH_LIFETIME), n(NotifyType.MOBIKE_SUPPORTED), n(NotifyType.ADDITIONAL_IP4_ADDRESS),
                n(NotifyType.ADDITIONAL_IP6_ADDRESS), n(NotifyType.NO_ADDITIONAL_ADDRESSES), n(null),
                p(PayloadType.VENDOR_ID));
        define(ExchangeType.CREATE_CHILD_SA, false, n(NotifyType.REKEY_SA), n(NotifyType.IPCOMP_SUPPORTED),
                n(NotifyType.USE_TRANSPORT_MODE), n(NotifyType.ESP_TFC_PADDING_NOT_SUPPORTED),
                n(NotifyType.NON_FIRST_FRAGMENTS_ALSO), p(PayloadType.SA), p(PayloadType.NONCE), p(PayloadType.KE),
                p(PayloadType.TSI), p(PayloadType.TSR), n(null), p(PayloadType.VENDOR_ID));
        define(ExchangeType.CREATE_CHILD_SA, true, n(NotifyType.IPCOMP_SUPPORTED), n(NotifyType.USE_TRANSPORT_MODE),
                n(NotifyType.ESP_TFC_PADDING_NOT_SUPPORTED), n(NotifyType.NON_FIRST_FRAGMENTS_ALSO),
                p(PayloadType.SA), p(PayloadType.NONCE), p(PayloadType.KE), p(PayloadType.TSI), p(PayloadType.TSR),
                n(NotifyType.ADDITIONAL_TS_POSSIBLE), n(null), p(PayloadType.VENDOR_ID));
        for (final boolean response : new boolean[] {false, true}) {
            define(ExchangeType.INFORMATIONAL, response, n(NotifyType.UPDATE_SA_ADDRESSES),
                    n(NotifyType.NAT_DETECTION_SOURCE_IP), n(NotifyType.NAT_DETECTION_DESTINATION_IP),
                    n(NotifyType.COOKIE2), n(null), p(PayloadType.DELETE), p(PayloadType.CP));
        }
    }

    private GenerationOrder() {
    }

    private static Entry p(final PayloadType type) {
        return new Entry(type, null);
    }

    private static Entry n(final NotifyType type) {
        return new Entry(PayloadType.NOTIFY, type);
    }

    private static String key(final ExchangeType exchange, final boolean response) {
        return exchange.value() + (response ? "r" : "i");
    }

    private static void define(final ExchangeType exchange, final boolean response, final Entry... entries) {
        ORDERS.put(key(exchange, response), List.of(entries));
    }

    /** The payloads of {@code payloads} in generation order for this kind of message (stable). */
    public static List<Payload> sort(final ExchangeType exchange, final boolean response,
            final List<Payload> payloads) {
        final List<Entry> order = ORDERS.getOrDefault(key(exchange, response), List.of());
        final List<Payload> sorted = new ArrayList<>(payloads);
        sorted.sort(Comparator.comparingInt(p -> rank(order, p)));
        return sorted;
    }

    /** {@code message} with its payloads in generation order. */
    public static IkeMessage apply(final IkeMessage message) {
        return new IkeMessage(message.header(), sort(message.exchangeType(), message.isResponse(),
                message.payloads()), message.encrypted());
    }

    // The first specific entry that matches wins over the "any notify" slot.
    private static int rank(final List<Entry> order, final Payload p) {
        int any = -1;
        for (int i = 0; i < order.size(); i++) {
            final Entry e = order.get(i);
            if (e.matches(p)) {
                if (e.notifyType() != null || !e.type().equals(PayloadType.NOTIFY)) {
                    return i;
                }
                any = i;
            }
        }
        return any >= 0 ? any : order.size();
    }
}
