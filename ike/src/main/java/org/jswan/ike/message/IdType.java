package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Identification Payload ID Types (RFC 7296 §3.5; RFC 7619 ID_NULL). Open enum: {@link #valueOf(int)} never
 * throws.
 */
public final class IdType extends OpenEnum {
    private static final Map<Integer, IdType> BY_VALUE = new HashMap<>();

    /**
     * Reserved on the wire; strongSwan's ID_ANY, the {@code %any} wildcard of a configuration (and what an ID
     * payload of type 0 decodes to).
     */
    public static final IdType ID_ANY = define(0, "ID_ANY", "ID_ANY");
    public static final IdType ID_IPV4_ADDR = define(1, "ID_IPV4_ADDR", "ID_IPV4_ADDR");
    public static final IdType ID_FQDN = define(2, "ID_FQDN", "ID_FQDN");
    public static final IdType ID_RFC822_ADDR = define(3, "ID_RFC822_ADDR", "ID_RFC822_ADDR");
    public static final IdType ID_IPV6_ADDR = define(5, "ID_IPV6_ADDR", "ID_IPV6_ADDR");
    public static final IdType ID_DER_ASN1_DN = define(9, "ID_DER_ASN1_DN", "ID_DER_ASN1_DN");
    public static final IdType ID_DER_ASN1_GN = define(10, "ID_DER_ASN1_GN", "ID_DER_ASN1_GN");
    public static final IdType ID_KEY_ID = define(11, "ID_KEY_ID", "ID_KEY_ID");
    public static final IdType ID_FC_NAME = define(12, "ID_FC_NAME", "ID_FC_NAME");
    public static final IdType ID_NULL = define(13, "ID_NULL", "ID_NULL");

    private IdType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static IdType define(final int value, final String name, final String shortName) {
        final IdType t = new IdType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static IdType valueOf(final int value) {
        final IdType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 255);
        return new IdType(value, "UNKNOWN", "UNKNOWN");
    }
}
