package org.jswan.lab;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the kernel of a namespace dropped packets, for tests that count datagrams lost end to end. UDP datagrams
 * dropped because a receiving socket's buffer was full ({@code RcvbufErrors} in the {@code Udp:} lines of
 * {@code /proc/net/snmp}, per network namespace) never reached the program that owns the socket: the machine's
 * scheduling lost them, not the tunnel. Packets the namespace's interfaces dropped ({@code ip -s link}) are reported
 * for diagnosis.
 */
public final class KernelDrops {
    private static final Pattern DROPPED = Pattern.compile("\"dropped\":(\\d+)");

    private KernelDrops() {
    }

    /** The sum of UDP RcvbufErrors so far over the given namespaces. */
    public static long udpOverflows(List<Namespace> namespaces) {
        long sum = 0;
        for (Namespace ns : namespaces) {
            sum += udpOverflows(ns);
        }
        return sum;
    }

    /** UDP RcvbufErrors so far in one namespace. */
    public static long udpOverflows(Namespace ns) {
        return parse(ns.execOk("cat", "/proc/net/snmp").output());
    }

    /** Packets dropped so far by the interfaces of the given namespaces, received and sent. */
    public static long interfaceDrops(List<Namespace> namespaces) {
        long sum = 0;
        for (Namespace ns : namespaces) {
            Matcher m = DROPPED.matcher(ns.execOk("ip", "-s", "-j", "link", "show").output());
            while (m.find()) {
                sum += Long.parseLong(m.group(1));
            }
        }
        return sum;
    }

    /** Reads RcvbufErrors from the text of /proc/net/snmp: a "Udp:" line of names, then one of values. */
    static long parse(String snmp) {
        String[] lines = snmp.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Udp: ") && lines[i + 1].startsWith("Udp: ")) {
                String[] names = lines[i].trim().split("\\s+");
                String[] values = lines[i + 1].trim().split("\\s+");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals("RcvbufErrors")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        throw new LabException("no Udp RcvbufErrors in /proc/net/snmp:\n" + snmp);
    }
}
