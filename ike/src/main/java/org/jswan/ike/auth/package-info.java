/**
 * IKEv2 authentication (RFC 7296 §2.15, §3.5, §3.8; RFC 7427): identities, the AUTH payload data for PSK and
 * signature methods, SIGNATURE_HASH_ALGORITHMS, and CERT/CERTREQ payload bodies. Works on byte arrays; the wire
 * framing of payloads belongs to {@code org.jswan.ike.message}. Depends on {@code org.jswan.ike.crypto.Prf} only;
 * nothing here touches sockets or IKE SA state.
 */
package org.jswan.ike.auth;
