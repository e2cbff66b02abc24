package org.jswan.gateway.demo;

import java.util.List;

/**
 * Names and addresses of the demo lab; everything lives in four namespaces named {@code <prefix>hostA} etc., so
 * nothing outside them is touched and the private addresses below cannot clash with the host's own.
 *
 * <pre>
 *  hostA eth0 10.91.1.10 -- lan 10.91.1.1 gwA wan 172.31.91.1
 *                     ==== wan 172.31.91.2 gwB lan 10.91.2.1 -- eth0 10.91.2.10 hostB
 * </pre>
 */
record DemoTopology(String prefix) {
    static final String HOST_A = "10.91.1.10";
    static final String GW_A_LAN = "10.91.1.1";
    static final String GW_A_WAN = "172.31.91.1";
    static final String GW_B_WAN = "172.31.91.2";
    static final String GW_B_LAN = "10.91.2.1";
    static final String HOST_B = "10.91.2.10";
    static final String SUBNET_A = "10.91.1.0/24";
    static final String SUBNET_B = "10.91.2.0/24";
    static final String ID_A = "gwa.jswan.demo";
    static final String ID_B = "gwb.jswan.demo";

    /** Prefix of every namespace a demo creates: {@code jd<pid>-}; {@code jswan demo --cleanup} matches it. */
    static final String PREFIX_PATTERN = "jd[0-9]+-";

    static DemoTopology forThisProcess() {
        return new DemoTopology("jd" + ProcessHandle.current().pid() + "-");
    }

    String hostA() {
        return prefix + "hostA";
    }

    String gwA() {
        return prefix + "gwA";
    }

    String gwB() {
        return prefix + "gwB";
    }

    String hostB() {
        return prefix + "hostB";
    }

    List<String> namespaces() {
        return List.of(hostA(), gwA(), gwB(), hostB());
    }
}
