package org.jswan.ike.message;

/**
 * Base of the open enums for IANA registries that arrive off the wire (Netty {@code DnsRecordType} pattern): known
 * values are shared constants, an unknown value yields a fresh instance named {@code UNKNOWN} instead of an
 * exception. Two instances are equal when they are of the same class and carry the same value.
 */
public abstract class OpenEnum {
    private final int value;
    private final String name;
    private final String shortName;

    protected OpenEnum(final int value, final String name, final String shortName) {
        this.value = value;
        this.name = name;
        this.shortName = shortName;
    }

    /** The number on the wire. */
    public final int value() {
        return value;
    }

    /** The IANA name, or {@code UNKNOWN}. */
    public final String name() {
        return name;
    }

    /** strongSwan's short log name, or the IANA name, or the decimal value when unknown. */
    public final String shortName() {
        return isKnown() ? shortName : Integer.toString(value);
    }

    public final boolean isKnown() {
        return !"UNKNOWN".equals(name);
    }

    @Override
    public final boolean equals(final Object o) {
        return o != null && o.getClass() == getClass() && ((OpenEnum) o).value == value;
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + value;
    }

    @Override
    public final String toString() {
        return isKnown() ? name : name + "(" + value + ")";
    }

    static void checkRange(final int value, final int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("value: " + value + " (expected: 0 ~ " + max + ")");
        }
    }
}
