package org.jswan.esp.crypto;

import java.nio.ByteBuffer;

/**
 * Sealing with the IV the caller already wrote into the packet, so that a known-answer test can reproduce a published
 * ESP packet (the vectors carry arbitrary IVs). The data plane never calls it: {@link EspTransform#seal} chooses the
 * IV itself. Every transform of both backends implements it, so one test runs the vectors on each.
 */
interface KnownAnswerSeal {
    /** As {@link EspTransform#seal}, with the IV taken from {@code buf[espOff + 8 ..]} as it is. */
    int sealPrepared(ByteBuffer buf, int espOff, int plaintextLength, long seq);
}
