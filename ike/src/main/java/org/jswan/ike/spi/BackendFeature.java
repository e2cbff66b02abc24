package org.jswan.ike.spi;

/** What a data plane can do; IKE adapts to it (strongSwan's kernel_feature_t). */
public enum BackendFeature {
    /** ESP must always be UDP-encapsulated, as if a NAT were present (kernel-libipsec without raw ESP). */
    REQUIRE_UDP_ENCAPSULATION,
    /** Extended sequence numbers (RFC 4304). */
    ESN,
    /** Transport mode SAs. */
    TRANSPORT_MODE,
    /** {@link IpsecBackend#querySa} reports when the SA last carried traffic. */
    LAST_USE_TIME
}
