package org.jswan.ike.codec;

import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.PayloadType;

/**
 * One verified and decrypted RFC 7383 fragment.
 *
 * @param firstInner the first inner payload type (fragment 1), else {@code NONE}
 * @param plaintext  this fragment's share of the inner payload chain
 */
public record Fragment(IkeHeader header, int number, int total, PayloadType firstInner, byte[] plaintext) {
}
