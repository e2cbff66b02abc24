package org.jswan.gateway.demo;

/**
 * The swanctl.conf of one demo gateway: connection {@code s2s} with child {@code net}, the same text for jswan and
 * strongSwan. PSK or certificates ({@code auth = pubkey} with the host's own certificate in x509/).
 */
record SiteConfig(String localAddr, String remoteAddr, String localTs, String remoteTs, String localId,
                  String remoteId, DemoAuth auth, String certFile, boolean initiator) {
    static final String IKE_PROPOSAL = "aes128gcm16-prfsha256-x25519";
    static final String ESP_PROPOSAL = "aes128gcm16";

    static SiteConfig siteA(final DemoAuth auth) {
        return new SiteConfig(DemoTopology.GW_A_WAN, DemoTopology.GW_B_WAN, DemoTopology.SUBNET_A,
                DemoTopology.SUBNET_B, DemoTopology.ID_A, DemoTopology.ID_B, auth, "gwA.pem", true);
    }

    static SiteConfig siteB(final DemoAuth auth) {
        return new SiteConfig(DemoTopology.GW_B_WAN, DemoTopology.GW_A_WAN, DemoTopology.SUBNET_B,
                DemoTopology.SUBNET_A, DemoTopology.ID_B, DemoTopology.ID_A, auth, "gwB.pem", false);
    }

    /** @param psk the pre-shared key (ignored for certificate auth) */
    String render(final String psk) {
        String localAuth = auth == DemoAuth.PSK
                ? "            auth = psk\n"
                : "            auth = pubkey\n            certs = " + certFile + "\n";
        String remoteAuth = auth == DemoAuth.PSK ? "psk" : "pubkey";
        StringBuilder sb = new StringBuilder();
        sb.append("# written by jswan demo: gateway ").append(initiator ? "A (initiator)" : "B (responder)")
                .append("\n");
        sb.append("connections {\n")
                .append("    s2s {\n")
                .append("        version = 2\n")
                .append("        local_addrs = ").append(localAddr).append('\n')
                .append("        remote_addrs = ").append(remoteAddr).append('\n')
                .append("        proposals = ").append(IKE_PROPOSAL).append('\n')
                .append("        local {\n").append(localAuth)
                .append("            id = ").append(localId).append('\n')
                .append("        }\n")
                .append("        remote {\n")
                .append("            auth = ").append(remoteAuth).append('\n')
                .append("            id = ").append(remoteId).append('\n')
                .append("        }\n")
                .append("        children {\n")
                .append("            net {\n")
                .append("                local_ts = ").append(localTs).append('\n')
                .append("                remote_ts = ").append(remoteTs).append('\n')
                .append("                esp_proposals = ").append(ESP_PROPOSAL).append('\n')
                .append("                start_action = ").append(initiator ? "start" : "none").append('\n')
                .append("            }\n")
                .append("        }\n")
                .append("    }\n")
                .append("}\n");
        if (auth == DemoAuth.PSK) {
            sb.append("secrets {\n")
                    .append("    ike-demo {\n")
                    .append("        id-a = ").append(DemoTopology.ID_A).append('\n')
                    .append("        id-b = ").append(DemoTopology.ID_B).append('\n')
                    .append("        secret = \"").append(psk).append("\"\n")
                    .append("    }\n")
                    .append("}\n");
        }
        return sb.toString();
    }
}
