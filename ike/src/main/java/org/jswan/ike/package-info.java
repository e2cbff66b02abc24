/**
 * The IKEv2 negotiator (RFC 7296). Sees UDP datagrams, never TUN; hands CHILD_SA keys to the data plane
 * only through {@code IpsecBackend}.
 */
package org.jswan.ike;
