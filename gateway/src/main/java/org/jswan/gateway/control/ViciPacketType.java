package org.jswan.gateway.control;

/**
 * VICI packet types (vici README "Packet layer"), as an open enum: {@link #valueOf(int)} never throws, unknown
 * codes keep their number.
 */
public final class ViciPacketType {
    public static final ViciPacketType CMD_REQUEST = new ViciPacketType(0, "CMD_REQUEST", true);
    public static final ViciPacketType CMD_RESPONSE = new ViciPacketType(1, "CMD_RESPONSE", false);
    public static final ViciPacketType CMD_UNKNOWN = new ViciPacketType(2, "CMD_UNKNOWN", false);
    public static final ViciPacketType EVENT_REGISTER = new ViciPacketType(3, "EVENT_REGISTER", true);
    public static final ViciPacketType EVENT_UNREGISTER = new ViciPacketType(4, "EVENT_UNREGISTER", true);
    public static final ViciPacketType EVENT_CONFIRM = new ViciPacketType(5, "EVENT_CONFIRM", false);
    public static final ViciPacketType EVENT_UNKNOWN = new ViciPacketType(6, "EVENT_UNKNOWN", false);
    public static final ViciPacketType EVENT = new ViciPacketType(7, "EVENT", true);

    private static final ViciPacketType[] KNOWN = {
        CMD_REQUEST, CMD_RESPONSE, CMD_UNKNOWN, EVENT_REGISTER, EVENT_UNREGISTER, EVENT_CONFIRM, EVENT_UNKNOWN, EVENT,
    };

    private final int code;
    private final String name;
    private final boolean named;

    private ViciPacketType(final int code, final String name, final boolean named) {
        this.code = code;
        this.name = name;
        this.named = named;
    }

    public static ViciPacketType valueOf(final int code) {
        if (code >= 0 && code < KNOWN.length) {
            return KNOWN[code];
        }
        return new ViciPacketType(code, "UNKNOWN(" + code + ")", false);
    }

    public int code() {
        return code;
    }

    public boolean isKnown() {
        return code >= 0 && code < KNOWN.length;
    }

    /** Whether the packet carries a name tag after the type byte. */
    public boolean isNamed() {
        return named;
    }

    /** Whether the packet carries a message after the type (and name). */
    public boolean hasMessage() {
        return this == CMD_REQUEST || this == CMD_RESPONSE || this == EVENT;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ViciPacketType t && t.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name;
    }
}
