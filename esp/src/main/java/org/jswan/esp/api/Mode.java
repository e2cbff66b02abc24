package org.jswan.esp.api;

/** ESP mode (RFC 4301 §4.1). */
public enum Mode {
    TUNNEL,
    TRANSPORT
}
