package org.jswan.lab;

import java.util.List;
import java.util.Map;

/**
 * One CHILD_SA from {@code swanctl --list-sas}. Attribute keys are swanctl's ({@code state}, {@code mode},
 * {@code protocol}, {@code encap}, {@code spi-in}, {@code spi-out}, {@code encr-alg}, {@code encr-keysize},
 * {@code dh-group}, {@code bytes-in}, {@code packets-in}, {@code bytes-out}, {@code packets-out}, ...).
 *
 * @param name       the child config name (swanctl prints the section as {@code name-uniqueid})
 * @param attributes every scalar attribute as printed
 * @param localTs    local traffic selectors, e.g. {@code 10.1.0.0/24}
 * @param remoteTs   remote traffic selectors
 */
public record ChildSa(String name, Map<String, String> attributes, List<String> localTs, List<String> remoteTs) {

    public String get(String key) {
        return attributes.get(key);
    }

    public String state() {
        return get("state");
    }

    public boolean installed() {
        return "INSTALLED".equals(state());
    }

    public String mode() {
        return get("mode");
    }

    public String encrAlg() {
        return get("encr-alg");
    }

    public String encrKeysize() {
        return get("encr-keysize");
    }

    public boolean udpEncapsulated() {
        return "yes".equals(get("encap"));
    }

    /** Inbound SPI as printed (hex, no 0x). */
    public String spiIn() {
        return get("spi-in");
    }

    public String spiOut() {
        return get("spi-out");
    }

    public long bytesIn() {
        return number("bytes-in");
    }

    public long bytesOut() {
        return number("bytes-out");
    }

    public long packetsIn() {
        return number("packets-in");
    }

    public long packetsOut() {
        return number("packets-out");
    }

    private long number(String key) {
        String v = get(key);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
