package org.jswan.lab;

import java.util.List;
import java.util.function.Predicate;

/**
 * Packets of a capture, classified from {@code tcpdump -nn} lines.
 *
 * @param lines         every packet line
 * @param espInUdp      ESP encapsulated in UDP (RFC 3948; tcpdump prints {@code UDP-encap: ESP})
 * @param plainEsp      ESP directly over IP (protocol 50)
 * @param ike           IKE messages on UDP 500 or non-ESP-marked on 4500
 * @param cleartextIcmp ICMP or ICMPv6 echo request/reply seen in the clear
 */
public record CaptureSummary(List<String> lines, long espInUdp, long plainEsp, long ike, long cleartextIcmp) {

    static CaptureSummary of(List<String> lines) {
        long udpEsp = 0;
        long esp = 0;
        long ike = 0;
        long icmp = 0;
        for (String l : lines) {
            if (l.contains("UDP-encap: ESP")) {
                udpEsp++;
            } else if (l.contains("ESP(spi=")) {
                esp++;
            } else if (l.contains("isakmp") || l.contains("NONESP-encap")) {
                ike++;
            } else if (l.matches(".*ICMP6?,? echo (request|reply).*")) {
                icmp++;
            }
        }
        return new CaptureSummary(List.copyOf(lines), udpEsp, esp, ike, icmp);
    }

    public long total() {
        return lines.size();
    }

    /** Number of packet lines matching {@code p} (e.g. a line containing an address pair). */
    public long count(Predicate<String> p) {
        return lines.stream().filter(p).count();
    }

    @Override
    public String toString() {
        return "CaptureSummary[total=" + total() + ", espInUdp=" + espInUdp + ", plainEsp=" + plainEsp + ", ike=" + ike
                + ", cleartextIcmp=" + cleartextIcmp + "]";
    }
}
