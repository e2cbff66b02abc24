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
        return connection(local, remote, localTs, remoteTs, "auth = psk\n            id = " + id,
                "auth = psk\n            id = " + peerId, ike, esp, start, ikeTimes, childTimes)
                + "secrets {\n"
                + "    ike-s2s {\n"
                + "        id-a = gwa.jswan.test\n"
                + "        id-b = gwb.jswan.test\n"
                + "        secret = \"" + PSK + "\"\n"
                + "    }\n"
                + "}\n";
    }

    /**
     * One side of {@code s2s}/{@code net} with certificate authentication: our certificate {@code certFile} (in
     * x509/, its key in private/), identities quoted (DNs contain commas).
     */
    static String pubkey(final String local, final String remote, final String localTs, final String remoteTs,
                         final String certFile, final String id, final String peerId, final String ike,
                         final String esp, final String start) {
        return connection(local, remote, localTs, remoteTs,
                "auth = pubkey\n            certs = " + certFile + "\n            id = \"" + id + "\"",
                "auth = pubkey\n            id = \"" + peerId + "\"", ike, esp, start, "", "");
    }

    /** The {@code connections} section alone; {@code localAuth}/{@code remoteAuth} are the round bodies. */
    static String connection(final String local, final String remote, final String localTs, final String remoteTs,
                             final String localAuth, final String remoteAuth, final String ike, final String esp,
                             final String start, final String ikeTimes, final String childTimes) {
        return "connections {\n"
                + "    s2s {\n"
                + "        version = 2\n"
                + "        local_addrs = " + local + "\n"
                + "        remote_addrs = " + remote + "\n"
                + "        proposals = " + ike + "\n"
                + "        " + ikeTimes + "\n"
                + "        local {\n            " + localAuth + "\n        }\n"
                + "        remote {\n            " + remoteAuth + "\n        }\n"
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
                + "}\n";
    }
}
