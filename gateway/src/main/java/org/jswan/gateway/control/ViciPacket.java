package org.jswan.gateway.control;

import java.util.Objects;

/**
 * One VICI packet: a type, the name of named types (command or event name, else null) and the message of
 * CMD_REQUEST, CMD_RESPONSE and EVENT (else {@link ViciMessage#EMPTY}).
 */
public record ViciPacket(ViciPacketType type, String name, ViciMessage message) {
    public ViciPacket {
        Objects.requireNonNull(type, "type");
        if (type.isNamed() && name == null) {
            throw new IllegalArgumentException(type + " needs a name");
        }
        message = message == null ? ViciMessage.EMPTY : message;
    }

    public static ViciPacket request(final String command, final ViciMessage message) {
        return new ViciPacket(ViciPacketType.CMD_REQUEST, command, message);
    }

    public static ViciPacket response(final ViciMessage message) {
        return new ViciPacket(ViciPacketType.CMD_RESPONSE, null, message);
    }

    public static ViciPacket event(final String event, final ViciMessage message) {
        return new ViciPacket(ViciPacketType.EVENT, event, message);
    }

    public static ViciPacket of(final ViciPacketType type, final String name) {
        return new ViciPacket(type, name, ViciMessage.EMPTY);
    }
}
