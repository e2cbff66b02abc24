package org.jswan.ike.codec;

import org.jswan.ike.message.PayloadType;

/**
 * How often a payload type may appear in one kind of message (strongSwan message.c {@code payload_rule_t}).
 *
 * @param mustBeEncrypted the payload is only accepted inside SK{...}
 * @param sufficient      when present, the minimum counts of the other rules are not enforced (an error
 *                        notify may replace the whole response)
 */
public record PayloadRule(PayloadType type, int min, int max, boolean mustBeEncrypted, boolean sufficient) {
}
