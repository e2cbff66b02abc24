package org.jswan.esp.api;

/** Direction of an SA or policy, seen from this gateway. */
public enum Direction {
    INBOUND,
    OUTBOUND
}
