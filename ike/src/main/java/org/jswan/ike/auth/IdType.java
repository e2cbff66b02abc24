package org.jswan.ike.auth;

import java.util.Objects;

/**
 * Identification type of an ID payload (RFC 7296 §3.5, IANA "IKEv2 Identification Payload ID Types"). Open enum:
 * {@link #valueOf(int)} never throws. {@link #ANY} (0) is strongSwan's internal wildcard and never goes on the wire.
 */
public final class IdType {

    public static final IdType ANY = new IdType(0, "ID_ANY");
    public static final IdType IPV4_ADDR = new IdType(1, "ID_IPV4_ADDR");
    public static final IdType FQDN = new IdType(2, "ID_FQDN");
    public static final IdType RFC822_ADDR = new IdType(3, "ID_RFC822_ADDR");
    public static final IdType IPV6_ADDR = new IdType(5, "ID_IPV6_ADDR");
    public static final IdType DER_ASN1_DN = new IdType(9, "ID_DER_ASN1_DN");
    public static final IdType DER_ASN1_GN = new IdType(10, "ID_DER_ASN1_GN");
    public static final IdType KEY_ID = new IdType(11, "ID_KEY_ID");

    private final int value;
    private final String name;

    private IdType(final int value, final String name) {
        this.value = value;
        this.name = name;
    }

    public static IdType valueOf(final int value) {
        switch (value) {
            case 0: return ANY;
            case 1: return IPV4_ADDR;
            case 2: return FQDN;
            case 3: return RFC822_ADDR;
            case 5: return IPV6_ADDR;
            case 9: return DER_ASN1_DN;
            case 10: return DER_ASN1_GN;
            case 11: return KEY_ID;
            default: return new IdType(value & 0xff, "ID_UNKNOWN(" + (value & 0xff) + ")");
        }
    }

    public int value() {
        return value;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof IdType && ((IdType) o).value == value;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
