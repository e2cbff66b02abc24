package org.jswan.gateway.logging;

import java.util.Locale;

/**
 * The log subsystems, named as strongSwan names them so logs read the same on both peers. Each module logs
 * through {@code System.getLogger(NAME)}, so it needs nothing of the gateway's.
 */
public enum Subsystem {
    DMN("daemon"), MGR("IKE_SA manager"), IKE("IKE_SA and task handling"), CHD("CHILD_SA handling"),
    JOB("job processing"), CFG("configuration"), KNL("data plane and routes"), NET("IKE network traffic"),
    ASN("ASN.1 and certificates"), ENC("message encoding"), LIB("libraries"), ESP("ESP data plane");

    private final String description;

    Subsystem(final String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** strongSwan's lower-case name ({@code ike}, {@code cfg}), as used in {@code charondebug}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
