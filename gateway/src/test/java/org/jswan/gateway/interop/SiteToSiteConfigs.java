package org.jswan.gateway.interop;

/** swanctl.conf texts for the lab's two-site topology, used by jswan and strongSwan alike. */
final class SiteToSiteConfigs {
    static final String PSK = "lab-interop-psk-0123456789abcdef";

    private SiteToSiteConfigs() {
    }

    /**
     * One side of the site-to-site connection {@code s2s} with child {@code net}.
     *
     * @param start     start_action of the child (start / none)
     * @param childTimes extra child settings (e.g. "rekey_time = 5s"), may be empty
     * @param ikeTimes   extra connection settings, may be empty
     */
    static String psk(final String local, final String remote, final String localTs, final String remoteTs,
                      final String id, final String peerId, final String ike, final String esp, final String start,
                      final String ikeTimes, final String childTimes) {
        return "connections {\n"
                + "    s2s {\n"
                + "        version = 2\n"
                + "        local_addrs = " + local + "\n"
                + "        remote_addrs = " + remote + "\n"
                + "        proposals = " + ike + "\n"
                + "        " + ikeTimes + "\n"
                + "        local {\n            auth = psk\n            id = " + id + "\n        }\n"
                + "        remote {\n            auth = psk\n            id = " + peerId + "\n        }\n"
                + "        children {\n"
                + "            net {\n"
                + "                local_ts = " + localTs + "\n"
                + "                remote_ts = " + remoteTs + "\n"
                + "                esp_proposals = " + esp + "\n"
                + "                start_action = " + start + "\n"
                + "                " + childTimes + "\n"
                + "            }\n"
                + "        }\n"
                + "    }\n"
                + "}\n"
                + "secrets {\n"
                + "    ike-s2s {\n"
                + "        id-a = gwa.jswan.test\n"
                + "        id-b = gwb.jswan.test\n"
                + "        secret = \"" + PSK + "\"\n"
                + "    }\n"
                + "}\n";
    }
}
