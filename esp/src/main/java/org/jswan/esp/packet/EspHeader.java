package org.jswan.esp.packet;

/**
 * ESP wire layout (RFC 4303 §2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Security Parameters Index (SPI)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Sequence Number                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          IV, Payload Data, [TFC padding], Padding ...         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Pad Length   | Next Header   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Integrity Check Value-ICV   (variable)                |
 * </pre>
 */
public final class EspHeader {
    public static final int LENGTH = 8;
    public static final int SPI_OFFSET = 0;
    public static final int SEQ_OFFSET = 4;
    /** Next header values (IANA protocol numbers) for tunnel mode and dummy packets. */
    public static final int NEXT_IPV4 = 4;
    public static final int NEXT_IPV6 = 41;
    public static final int NEXT_NONE = 59;

    private EspHeader() {
    }
}
