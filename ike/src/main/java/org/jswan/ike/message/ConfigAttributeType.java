package org.jswan.ike.message;

import java.util.HashMap;
import java.util.Map;

/**
 * IKEv2 Configuration Payload Attribute Types (RFC 7296 §3.15.1; 15-bit field). Open enum: {@link #valueOf(int)}
 * never throws.
 */
public final class ConfigAttributeType extends OpenEnum {
    private static final Map<Integer, ConfigAttributeType> BY_VALUE = new HashMap<>();

    public static final ConfigAttributeType INTERNAL_IP4_ADDRESS = define(1, "INTERNAL_IP4_ADDRESS", "ADDR");
    public static final ConfigAttributeType INTERNAL_IP4_NETMASK = define(2, "INTERNAL_IP4_NETMASK", "MASK");
    public static final ConfigAttributeType INTERNAL_IP4_DNS = define(3, "INTERNAL_IP4_DNS", "DNS");
    public static final ConfigAttributeType INTERNAL_IP4_NBNS = define(4, "INTERNAL_IP4_NBNS", "NBNS");
    public static final ConfigAttributeType INTERNAL_IP4_DHCP = define(6, "INTERNAL_IP4_DHCP", "DHCP");
    public static final ConfigAttributeType APPLICATION_VERSION = define(7, "APPLICATION_VERSION", "VER");
    public static final ConfigAttributeType INTERNAL_IP6_ADDRESS = define(8, "INTERNAL_IP6_ADDRESS", "ADDR6");
    public static final ConfigAttributeType INTERNAL_IP6_DNS = define(10, "INTERNAL_IP6_DNS", "DNS6");
    public static final ConfigAttributeType INTERNAL_IP6_DHCP = define(12, "INTERNAL_IP6_DHCP", "DHCP6");
    public static final ConfigAttributeType INTERNAL_IP4_SUBNET = define(13, "INTERNAL_IP4_SUBNET", "SUBNET");
    public static final ConfigAttributeType SUPPORTED_ATTRIBUTES = define(14, "SUPPORTED_ATTRIBUTES", "SUP_ATTR");
    public static final ConfigAttributeType INTERNAL_IP6_SUBNET = define(15, "INTERNAL_IP6_SUBNET", "SUBNET6");
    public static final ConfigAttributeType MIP6_HOME_PREFIX = define(16, "MIP6_HOME_PREFIX", "HOA");
    public static final ConfigAttributeType INTERNAL_IP6_LINK = define(17, "INTERNAL_IP6_LINK", "LINK6");
    public static final ConfigAttributeType INTERNAL_IP6_PREFIX = define(18, "INTERNAL_IP6_PREFIX", "PREFIX6");
    public static final ConfigAttributeType HOME_AGENT_ADDRESS = define(19, "HOME_AGENT_ADDRESS", "HAA");
    public static final ConfigAttributeType P_CSCF_IP4_ADDRESS = define(20, "P_CSCF_IP4_ADDRESS", "P_CSCF");
    public static final ConfigAttributeType P_CSCF_IP6_ADDRESS = define(21, "P_CSCF_IP6_ADDRESS", "P_CSCF6");
    public static final ConfigAttributeType INTERNAL_DNS_DOMAIN = define(25, "INTERNAL_DNS_DOMAIN", "DOMAIN");

    private ConfigAttributeType(final int value, final String name, final String shortName) {
        super(value, name, shortName);
    }

    private static ConfigAttributeType define(final int value, final String name, final String shortName) {
        final ConfigAttributeType t = new ConfigAttributeType(value, name, shortName);
        BY_VALUE.put(value, t);
        return t;
    }

    /** The constant for {@code value}, else a new {@code UNKNOWN} instance (throws only outside the field's range). */
    public static ConfigAttributeType valueOf(final int value) {
        final ConfigAttributeType t = BY_VALUE.get(value);
        if (t != null) {
            return t;
        }
        checkRange(value, 32767);
        return new ConfigAttributeType(value, "UNKNOWN", "UNKNOWN");
    }
}
