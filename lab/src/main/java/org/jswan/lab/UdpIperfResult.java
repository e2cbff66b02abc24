package org.jswan.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the receiver of an iperf3 UDP run counted ({@code end.sum} of its JSON output).
 *
 * @param packets     datagrams the sender sent
 * @param lostPackets datagrams missing at the receiver (gaps in iperf3's sequence numbers)
 * @param json        iperf3's JSON output
 */
public record UdpIperfResult(long packets, long lostPackets, String json) {
    private static final Pattern END = Pattern.compile("\"end\"\\s*:\\s*\\{");
    private static final Pattern SUM = Pattern.compile("\"sum\"\\s*:\\s*\\{([^}]*)\\}");
    private static final Pattern PACKETS = Pattern.compile("\"packets\"\\s*:\\s*(\\d+)");
    private static final Pattern LOST = Pattern.compile("\"lost_packets\"\\s*:\\s*(\\d+)");

    static UdpIperfResult parse(String json) {
        Matcher end = END.matcher(json);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        Matcher sum = SUM.matcher(at >= 0 ? json.substring(at) : "");
        if (!sum.find()) {
            throw new LabException("no end.sum in iperf3 UDP output:\n" + json);
        }
        Matcher packets = PACKETS.matcher(sum.group(1));
        Matcher lost = LOST.matcher(sum.group(1));
        if (!packets.find() || !lost.find()) {
            throw new LabException("no packets/lost_packets in iperf3 UDP output:\n" + json);
        }
        return new UdpIperfResult(Long.parseLong(packets.group(1)), Long.parseLong(lost.group(1)), json);
    }
}
