package org.jswan.lab;

/**
 * @param bitsPerSecond throughput as the receiver measured it
 * @param json          iperf3's JSON output
 */
public record IperfResult(double bitsPerSecond, String json) {

    public double megabitsPerSecond() {
        return bitsPerSecond / 1e6;
    }
}
