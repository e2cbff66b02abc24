package org.jswan.lab;

import java.util.List;
import java.util.Map;

/**
 * One IKE_SA from {@code swanctl --list-sas}. Attribute keys are swanctl's ({@code state}, {@code encr-alg},
 * {@code encr-keysize}, {@code integ-alg}, {@code prf-alg}, {@code dh-group}, {@code local-id}, {@code remote-host},
 * {@code initiator-spi}, ...).
 *
 * @param name       connection name
 * @param attributes every scalar attribute as printed
 * @param children   its CHILD_SAs
 */
public record IkeSa(String name, Map<String, String> attributes, List<ChildSa> children) {

    public String get(String key) {
        return attributes.get(key);
    }

    public String state() {
        return get("state");
    }

    public boolean established() {
        return "ESTABLISHED".equals(state());
    }

    public String encrAlg() {
        return get("encr-alg");
    }

    public String encrKeysize() {
        return get("encr-keysize");
    }

    public String integAlg() {
        return get("integ-alg");
    }

    public String prfAlg() {
        return get("prf-alg");
    }

    public String dhGroup() {
        return get("dh-group");
    }

    public String localId() {
        return get("local-id");
    }

    public String remoteId() {
        return get("remote-id");
    }

    /** The first CHILD_SA whose config name is {@code child}, or throws AssertionError listing what exists. */
    public ChildSa child(String child) {
        return children.stream().filter(c -> child.equals(c.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no CHILD_SA '" + child + "' in " + this));
    }
}
