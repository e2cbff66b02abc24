package org.jswan.gateway.demo;

/** What runs as gateway B: a second jswan, or strongSwan's charon. */
public enum DemoPeer {
    JSWAN,
    STRONGSWAN
}
