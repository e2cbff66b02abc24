package org.jswan.lab;

/**
 * The standard interop topology {@code hostA -- gwA ==== gwB -- hostB}: four namespaces, three veth links, IPv4
 * and IPv6 on every link, hosts routed via their gateway, forwarding on in the gateways. The gateways have no
 * route to the remote site: only the tunnel (e.g. kernel-libipsec's {@code ipsec0} routes) connects the sites.
 *
 * <pre>
 *  hostA eth0 10.1.0.10 ---- lan 10.1.0.1 gwA wan 192.168.0.1
 *      ==== wan 192.168.0.2 gwB lan 10.2.0.1 ---- eth0 10.2.0.10 hostB
 *            fd00:1::10         fd00:1::1      fd00:0::1              fd00:0::2        fd00:2::1          fd00:2::10
 * </pre>
 */
public record SiteToSite(Namespace hostA, Namespace gwA, Namespace gwB, Namespace hostB) {

    public static final String HOST_A = "10.1.0.10";
    public static final String GW_A_LAN = "10.1.0.1";
    public static final String GW_A_WAN = "192.168.0.1";
    public static final String GW_B_WAN = "192.168.0.2";
    public static final String GW_B_LAN = "10.2.0.1";
    public static final String HOST_B = "10.2.0.10";
    public static final String SUBNET_A = "10.1.0.0/24";
    public static final String SUBNET_B = "10.2.0.0/24";
    public static final String HOST_A6 = "fd00:1::10";
    public static final String HOST_B6 = "fd00:2::10";
    public static final String GW_A_WAN6 = "fd00:0::1";
    public static final String GW_B_WAN6 = "fd00:0::2";
    public static final String SUBNET_A6 = "fd00:1::/64";
    public static final String SUBNET_B6 = "fd00:2::/64";
    /** Interface names: {@code lan}/{@code wan} on gateways, {@code eth0} on hosts. */
    public static final String WAN = "wan";
    public static final String LAN = "lan";
    public static final String HOST_IF = "eth0";

    public static SiteToSite build(Lab lab) {
        Namespace hostA = lab.namespace("hostA");
        Namespace gwA = lab.namespace("gwA");
        Namespace gwB = lab.namespace("gwB");
        Namespace hostB = lab.namespace("hostB");
        lab.link(hostA, HOST_IF, gwA, LAN);
        lab.link(gwA, WAN, gwB, WAN);
        lab.link(gwB, LAN, hostB, HOST_IF);
        hostA.addAddress(HOST_IF, HOST_A + "/24").addAddress(HOST_IF, HOST_A6 + "/64");
        gwA.addAddress(LAN, GW_A_LAN + "/24").addAddress(LAN, "fd00:1::1/64");
        gwA.addAddress(WAN, GW_A_WAN + "/24").addAddress(WAN, GW_A_WAN6 + "/64");
        gwB.addAddress(WAN, GW_B_WAN + "/24").addAddress(WAN, GW_B_WAN6 + "/64");
        gwB.addAddress(LAN, GW_B_LAN + "/24").addAddress(LAN, "fd00:2::1/64");
        hostB.addAddress(HOST_IF, HOST_B + "/24").addAddress(HOST_IF, HOST_B6 + "/64");
        hostA.addRoute("default", GW_A_LAN).addRoute("default", "fd00:1::1");
        hostB.addRoute("default", GW_B_LAN).addRoute("default", "fd00:2::1");
        gwA.enableForwarding();
        gwB.enableForwarding();
        return new SiteToSite(hostA, gwA, gwB, hostB);
    }
}
