package org.jswan.gateway.demo;

/** How the two demo gateways authenticate each other. */
public enum DemoAuth {
    /** A random pre-shared key, generated per run. */
    PSK,
    /** A throwaway CA and one ECDSA P-256 certificate per gateway. */
    CERT
}
