package org.jswan.gateway;

import java.nio.file.Path;

/**
 * How `jswan daemon` runs: where its configuration is, which ports and TUN device it uses, and debug switches.
 *
 * @param saveKeys   directory for Wireshark key files, or null (off)
 * @param dataPlane  false runs the negotiator alone, with SAs only logged (no TUN device)
 * @param espEncapsulation when CHILD_SAs UDP-encapsulate ESP
 */
public record GatewayOptions(Path configDir, Path viciSocket, int ikePort, int natTPort, String tunName, int mtu,
                             Path saveKeys, boolean dataPlane, EspEncapsulation espEncapsulation) {

    public static final Path DEFAULT_CONFIG_DIR = Path.of("/etc/jswan");
    public static final Path DEFAULT_VICI_SOCKET = Path.of("/run/jswan/jswan.vici");
}
