/**
 * IKEv2 wire codec (RFC 7296 §3, RFC 7383): the generic payload walk, whole-message encoding with SK{...}, message
 * rules, fragmentation and reassembly. Depends on {@code message} and on the {@code crypto.SkCipher} contract
 * only; knows no sockets and no IKE SA state.
 */
package org.jswan.ike.codec;
