package org.jswan.ike.codec;

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
 * Which payloads each kind of message may carry, as a table keyed by (exchange type, request/response), after
 * strongSwan's {@code message.c} rules: type, min and max count, must-be-encrypted, sufficient. A message is
 * validated once after decoding (and decrypting), before any task sees it. The wire order of generated payloads
 * is {@link GenerationOrder}'s job.
 */
public final class MessageRules {
    /** Bound on notifies, certificates, vendor IDs and deletes per message. */
    public static final int MAX_NOTIFY = 32;
    public static final int MAX_CERT = 8;
    public static final int MAX_VID = 20;
    public static final int MAX_DELETE = 20;

    private static final PayloadType N = PayloadType.NOTIFY;
    private static final Map<Key, List<PayloadRule>> RULES = new HashMap<>();

    private record Key(int exchange, boolean response) {
    }

    static {
        // RFC 7296 §1.2: HDR, SAi1, KEi, Ni  -->  <-- HDR, SAr1, KEr, Nr, [CERTREQ]
        define(ExchangeType.IKE_SA_INIT, false,
                rule(N, 0, MAX_NOTIFY, false, false), rule(PayloadType.SA, 1, 1, false, false),
                rule(PayloadType.KE, 1, 1, false, false), rule(PayloadType.NONCE, 1, 1, false, false),
                rule(PayloadType.VENDOR_ID, 0, MAX_VID, false, false));
        define(ExchangeType.IKE_SA_INIT, true,
                rule(N, 0, MAX_NOTIFY, false, true), rule(PayloadType.SA, 1, 1, false, false),
                rule(PayloadType.KE, 1, 1, false, false), rule(PayloadType.NONCE, 1, 1, false, false),
                rule(PayloadType.CERTREQ, 0, MAX_CERT, false, false),
                rule(PayloadType.VENDOR_ID, 0, MAX_VID, false, false));
        // RFC 7296 §1.2, §2.16: everything optional because of EAP rounds and multiple authentication (RFC 4739).
        define(ExchangeType.IKE_AUTH, false,
                rule(N, 0, MAX_NOTIFY, true, false), rule(PayloadType.EAP, 0, 1, true, false),
                rule(PayloadType.AUTH, 0, 1, true, false), rule(PayloadType.IDI, 0, 1, true, false),
                rule(PayloadType.CERT, 0, MAX_CERT, true, false), rule(PayloadType.CERTREQ, 0, MAX_CERT, true, false),
                rule(PayloadType.IDR, 0, 1, true, false), rule(PayloadType.CP, 0, 1, true, false),
                rule(PayloadType.SA, 0, 1, true, false), rule(PayloadType.TSI, 0, 1, true, false),
                rule(PayloadType.TSR, 0, 1, true, false), rule(PayloadType.VENDOR_ID, 0, MAX_VID, true, false));
        define(ExchangeType.IKE_AUTH, true,
                rule(N, 0, MAX_NOTIFY, true, true), rule(PayloadType.EAP, 0, 1, true, false),
                rule(PayloadType.AUTH, 0, 1, true, false), rule(PayloadType.IDR, 0, 1, true, false),
                rule(PayloadType.CERT, 0, MAX_CERT, true, false), rule(PayloadType.CP, 0, 1, true, false),
                rule(PayloadType.SA, 0, 1, true, false), rule(PayloadType.TSI, 0, 1, true, false),
                rule(PayloadType.TSR, 0, 1, true, false), rule(PayloadType.VENDOR_ID, 0, MAX_VID, true, false));
        // RFC 7296 §1.3: SA, Ni, [KEi], [TSi, TSr]
        define(ExchangeType.CREATE_CHILD_SA, false,
                rule(N, 0, MAX_NOTIFY, true, false), rule(PayloadType.SA, 1, 1, true, false),
                rule(PayloadType.NONCE, 1, 1, true, false), rule(PayloadType.KE, 0, 1, true, false),
                rule(PayloadType.TSI, 0, 1, true, false), rule(PayloadType.TSR, 0, 1, true, false),
                rule(PayloadType.VENDOR_ID, 0, MAX_VID, true, false));
        define(ExchangeType.CREATE_CHILD_SA, true,
                rule(N, 0, MAX_NOTIFY, true, true), rule(PayloadType.SA, 1, 1, true, false),
                rule(PayloadType.NONCE, 1, 1, true, false), rule(PayloadType.KE, 0, 1, true, false),
                rule(PayloadType.TSI, 0, 1, true, false), rule(PayloadType.TSR, 0, 1, true, false),
                rule(PayloadType.VENDOR_ID, 0, MAX_VID, true, false));
        // RFC 7296 §1.4: [N], [D], [CP]; an empty one is a liveness check.
        for (final boolean response : new boolean[] {false, true}) {
            define(ExchangeType.INFORMATIONAL, response,
                    rule(N, 0, MAX_NOTIFY, true, false), rule(PayloadType.DELETE, 0, MAX_DELETE, true, false),
                    rule(PayloadType.CP, 0, 1, true, false), rule(PayloadType.VENDOR_ID, 0, MAX_VID, true, false));
        }
    }

    private MessageRules() {
    }

    private static PayloadRule rule(final PayloadType type, final int min, final int max, final boolean encrypted,
            final boolean sufficient) {
        return new PayloadRule(type, min, max, encrypted, sufficient);
    }

    private static void define(final ExchangeType exchange, final boolean response, final PayloadRule... rules) {
        RULES.put(new Key(exchange.value(), response), List.of(rules));
    }

    /** The rules for a kind of message; empty for exchange types we do not handle. */
    public static List<PayloadRule> rules(final ExchangeType exchange, final boolean response) {
        return RULES.getOrDefault(new Key(exchange.value(), response), List.of());
    }

    /**
     * Checks a decoded message against its rules.
     *
     * @throws DecodeException INVALID_SYNTAX for a disallowed, missing or repeated payload; a silent drop for an
     *                         unprotected payload that must be encrypted and for unsupported exchange types
     */
    public static void validate(final IkeMessage message) throws DecodeException {
        final ExchangeType exchange = message.exchangeType();
        final boolean response = message.isResponse();
        final List<PayloadRule> rules = rules(exchange, response);
        if (rules.isEmpty()) {
            // RFC 7296 §2.21: nothing defined to answer with; strongSwan drops unsupported exchanges too.
            throw DecodeException.drop("unsupported exchange type " + exchange);
        }
        final int[] counts = new int[rules.size()];
        boolean sufficient = false;
        for (final Payload p : message.payloads()) {
            final int i = indexOf(rules, p.type());
            if (i < 0) {
                if (p.type().isKnown() || p.critical()) {
                    throw DecodeException.invalidSyntax(p.type().shortName() + " payload not allowed in "
                            + describe(exchange, response));
                }
                continue; // RFC 7296 §2.5: unknown non-critical payloads are ignored
            }
            final PayloadRule r = rules.get(i);
            if (r.mustBeEncrypted() && !message.encrypted()) {
                throw DecodeException.drop(p.type().shortName() + " payload not encrypted in "
                        + describe(exchange, response));
            }
            if (++counts[i] > r.max()) {
                throw DecodeException.invalidSyntax("too many " + p.type().shortName() + " payloads in "
                        + describe(exchange, response));
            }
            if (r.sufficient() && replacesResponse(p)) {
                sufficient = true;
            }
        }
        if (!message.encrypted() && !exchange.equals(ExchangeType.IKE_SA_INIT)) {
            // RFC 7296 §3.14: after IKE_SA_INIT every message is protected (an empty INFORMATIONAL included).
            throw DecodeException.drop(describe(exchange, response) + " without SK payload");
        }
        if (sufficient) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (counts[i] < rules.get(i).min()) {
                throw DecodeException.invalidSyntax(rules.get(i).type().shortName() + " payload missing in "
                        + describe(exchange, response));
            }
        }
    }

    // An error notify (or a COOKIE request, RFC 7296 §2.6) may replace the whole response.
    private static boolean replacesResponse(final Payload p) {
        return p instanceof NotifyPayload n && (n.notifyType().isError() || n.notifyType().equals(NotifyType.COOKIE));
    }

    private static int indexOf(final List<PayloadRule> rules, final PayloadType type) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(final ExchangeType exchange, final boolean response) {
        return exchange + (response ? " response" : " request");
    }
}
