/**
 * IKEv2 message model: the header, one record per payload with its RFC 7296 diagram and co-located body
 * decode/encode, and open enums for the IANA registries. The payload records share this package because
 * {@link org.jswan.ike.message.Payload} is sealed and the code runs in the unnamed module.
 *
 * <p>Records holding {@code byte[]} do not copy them and compare them by reference (record semantics): treat the
 * arrays as immutable once handed over, and compare payloads by their encoding.
 */
package org.jswan.ike.message;
