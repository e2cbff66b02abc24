package org.jswan.esp.crypto;

/** A work array reused across packets, grown (rarely) to the largest packet seen. Thread-confined. */
final class Scratch {
    private byte[] array = new byte[2048];

    byte[] get(final int length) {
        if (array.length < length) {
            array = new byte[Math.max(length, array.length * 2)];
        }
        return array;
    }

    /** Zeroes the last plaintext left in the array. */
    void wipe() {
        java.util.Arrays.fill(array, (byte) 0);
    }
}
