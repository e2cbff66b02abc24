package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.codec.DecodeException;

/**
 * Configuration payload (RFC 7296 §3.15).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   CFG Type    |                    RESERVED                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                   Configuration Attributes                    ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record CpPayload(ConfigType configType, List<ConfigAttribute> attributes) implements Payload {
    public static final int MAX_ATTRIBUTES = 64;

    public CpPayload {
        attributes = List.copyOf(attributes);
    }

    public static CpPayload decode(final WireReader body) throws DecodeException {
        final ConfigType type = ConfigType.valueOf(body.u8("CP type"));
        body.skip(3, "CP reserved");
        final List<ConfigAttribute> attributes = new ArrayList<>();
        while (body.hasRemaining()) {
            if (attributes.size() == MAX_ATTRIBUTES) {
                throw DecodeException.invalidSyntax("more than " + MAX_ATTRIBUTES + " CP attributes");
            }
            attributes.add(ConfigAttribute.decode(body));
        }
        return new CpPayload(type, attributes);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CP;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        out.u8(configType.value()).zeros(3);
        for (final ConfigAttribute a : attributes) {
            a.encode(out);
        }
    }

    @Override
    public String summaryName() {
        return configType.isKnown() ? configType.shortName() : "CP";
    }
}
