package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Notify Message Types (RFC 7296 §3.10.1 and extensions). Values below 16384 are errors. Short names follow
 * strongSwan's log names (its notify_type_short_names table). Open enum: {@link #valueOf(int)} never throws.
 */
public final class NotifyType extends OpenEnum {
    private static final Map<Integer, NotifyType> BY_VALUE = new HashMap<>();

    public static final NotifyType UNSUPPORTED_CRITICAL_PAYLOAD = define(1, "UNSUPPORTED_CRITICAL_PAYLOAD", "CRIT");
    public static final NotifyType INVALID_IKE_SPI = define(4, "INVALID_IKE_SPI", "INVAL_IKE_SPI");
    public static final NotifyType INVALID_MAJOR_VERSION = define(5, "INVALID_MAJOR_VERSION", "INVAL_MAJOR");
    public static final NotifyType INVALID_SYNTAX = define(7, "INVALID_SYNTAX", "INVAL_SYN");
    public static final NotifyType INVALID_MESSAGE_ID = define(9, "INVALID_MESSAGE_ID", "INVAL_MID");
    public static final NotifyType INVALID_SPI = define(11, "INVALID_SPI", "INVAL_SPI");
    public static final NotifyType NO_PROPOSAL_CHOSEN = define(14, "NO_PROPOSAL_CHOSEN", "NO_PROP");
    public static final NotifyType INVALID_KE_PAYLOAD = define(17, "INVALID_KE_PAYLOAD", "INVAL_KE");
    public static final NotifyType AUTHENTICATION_FAILED = define(24, "AUTHENTICATION_FAILED", "AUTH_FAILED");
    public static final NotifyType SINGLE_PAIR_REQUIRED = define(34, "SINGLE_PAIR_REQUIRED", "SINGLE_PAIR");
    public static final NotifyType NO_ADDITIONAL_SAS = define(35, "NO_ADDITIONAL_SAS", "NO_ADD_SAS");
    public static final NotifyType INTERNAL_ADDRESS_FAILURE = define(36, "INTERNAL_ADDRESS_FAILURE", "INT_ADDR_FAIL");
    public static final NotifyType FAILED_CP_REQUIRED = define(37, "FAILED_CP_REQUIRED", "FAIL_CP_REQ");
    public static final NotifyType TS_UNACCEPTABLE = define(38, "TS_UNACCEPTABLE", "TS_UNACCEPT");
    public static final NotifyType INVALID_SELECTORS = define(39, "INVALID_SELECTORS", "INVAL_SEL");
    public static final NotifyType UNACCEPTABLE_ADDRESSES = define(40, "UNACCEPTABLE_ADDRESSES", "UNACCEPT_ADDR");
    public static final NotifyType UNEXPECTED_NAT_DETECTED = define(41, "UNEXPECTED_NAT_DETECTED", "UNEXPECT_NAT");
    public static final NotifyType USE_ASSIGNED_HOA = define(42, "USE_ASSIGNED_HOA", "ASSIGNED_HoA");
    public static final NotifyType TEMPORARY_FAILURE = define(43, "TEMPORARY_FAILURE", "TEMP_FAIL");
    public static final NotifyType CHILD_SA_NOT_FOUND = define(44, "CHILD_SA_NOT_FOUND", "NO_CHILD_SA");
    public static final NotifyType INITIAL_CONTACT = define(16384, "INITIAL_CONTACT", "INIT_CONTACT");
    public static final NotifyType SET_WINDOW_SIZE = define(16385, "SET_WINDOW_SIZE", "SET_WINSIZE");
    public static final NotifyType ADDITIONAL_TS_POSSIBLE = define(16386, "ADDITIONAL_TS_POSSIBLE", "ADD_TS_POSS");
    public static final NotifyType IPCOMP_SUPPORTED = define(16387, "IPCOMP_SUPPORTED", "IPCOMP_SUP");
    public static final NotifyType NAT_DETECTION_SOURCE_IP = define(16388, "NAT_DETECTION_SOURCE_IP", "NATD_S_IP");
    public static final NotifyType NAT_DETECTION_DESTINATION_IP =
            define(16389, "NAT_DETECTION_DESTINATION_IP", "NATD_D_IP");
    public static final NotifyType COOKIE = define(16390, "COOKIE", "COOKIE");
    public static final NotifyType USE_TRANSPORT_MODE = define(16391, "USE_TRANSPORT_MODE", "USE_TRANSP");
    public static final NotifyType HTTP_CERT_LOOKUP_SUPPORTED =
            define(16392, "HTTP_CERT_LOOKUP_SUPPORTED", "HTTP_CERT_LOOK");
    public static final NotifyType REKEY_SA = define(16393, "REKEY_SA", "REKEY_SA");
    public static final NotifyType ESP_TFC_PADDING_NOT_SUPPORTED =
            define(16394, "ESP_TFC_PADDING_NOT_SUPPORTED", "ESP_TFC_PAD_N");
    public static final NotifyType NON_FIRST_FRAGMENTS_ALSO =
            define(16395, "NON_FIRST_FRAGMENTS_ALSO", "NON_FIRST_FRAG");
    public static final NotifyType MOBIKE_SUPPORTED = define(16396, "MOBIKE_SUPPORTED", "MOBIKE_SUP");
    public static final NotifyType ADDITIONAL_IP4_ADDRESS = define(16397, "ADDITIONAL_IP4_ADDRESS", "ADD_4_ADDR");
    public static final NotifyType ADDITIONAL_IP6_ADDRESS = define(16398, "ADDITIONAL_IP6_ADDRESS", "ADD_6_ADDR");
    public static final NotifyType NO_ADDITIONAL_ADDRESSES = define(16399, "NO_ADDITIONAL_ADDRESSES", "NO_ADD_ADDR");
    public static final NotifyType UPDATE_SA_ADDRESSES = define(16400, "UPDATE_SA_ADDRESSES", "UPD_SA_ADDR");
    public static final NotifyType COOKIE2 = define(16401, "COOKIE2", "COOKIE2");
    public static final NotifyType NO_NATS_ALLOWED = define(16402, "NO_NATS_ALLOWED", "NO_NATS");
    public static final NotifyType AUTH_LIFETIME = define(16403, "AUTH_LIFETIME", "AUTH_LFT");
    public static final NotifyType MULTIPLE_AUTH_SUPPORTED = define(16404, "MULTIPLE_AUTH_SUPPORTED", "MULT_AUTH");
    public static final NotifyType ANOTHER_AUTH_FOLLOWS = define(16405, "ANOTHER_AUTH_FOLLOWS", "AUTH_FOLLOWS");
    public static final NotifyType REDIRECT_SUPPORTED = define(16406, "REDIRECT_SUPPORTED", "REDIR_SUP");
    public static final NotifyType REDIRECT = define(16407, "REDIRECT", "REDIR");
    public static final NotifyType REDIRECTED_FROM = define(16408, "REDIRECTED_FROM", "REDIR_FROM");
    public static final NotifyType EAP_ONLY_AUTHENTICATION = define(16417, "EAP_ONLY_AUTHENTICATION", "EAP_ONLY");
    public static final NotifyType CHILDLESS_IKEV2_SUPPORTED =
            define(16418, "CHILDLESS_IKEV2_SUPPORTED", "CHDLESS_SUP");
    public static final NotifyType QUICK_CRASH_DETECTION = define(16419, "QUICK_CRASH_DETECTION", "CRASH_DET");
    public static final NotifyType IKEV2_MESSAGE_ID_SYNC_SUPPORTED =
            define(16420, "IKEV2_MESSAGE_ID_SYNC_SUPPORTED", "MSG_ID_SYN_SUP");
    public static final NotifyType IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED =
            define(16421, "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED", "RPL_CTR_SYN_SUP");
    public static final NotifyType IKEV2_MESSAGE_ID_SYNC = define(16422, "IKEV2_MESSAGE_ID_SYNC", "MSG_ID_SYN");
    public static final NotifyType IPSEC_REPLAY_COUNTER_SYNC =
            define(16423, "IPSEC_REPLAY_COUNTER_SYNC", "RPL_CTR_SYN");
    public static final NotifyType SECURE_PASSWORD_METHODS = define(16424, "SECURE_PASSWORD_METHODS", "SEC_PASSWD");
    public static final NotifyType IKEV2_FRAGMENTATION_SUPPORTED =
            define(16430, "IKEV2_FRAGMENTATION_SUPPORTED", "FRAG_SUP");
    public static final NotifyType SIGNATURE_HASH_ALGORITHMS = define(16431, "SIGNATURE_HASH_ALGORITHMS", "HASH_ALG");
    public static final NotifyType INTERMEDIATE_EXCHANGE_SUPPORTED =
            define(16438, "INTERMEDIATE_EXCHANGE_SUPPORTED", "INT_SUP");

    private NotifyType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static NotifyType define(final int value, final String name, final String shortName) {
        final NotifyType t = new NotifyType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static NotifyType valueOf(final int value) {
        final NotifyType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 65535);
        return new NotifyType(value, "UNKNOWN", "UNKNOWN");
    }

    /** RFC 7296 §3.10.1: types 0..16383 are errors, 16384 and above are status types. */
    public boolean isError() {
        return value() < 16384;
    }
}
