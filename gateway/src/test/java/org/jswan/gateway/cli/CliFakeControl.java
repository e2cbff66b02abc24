package org.jswan.gateway.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jswan.gateway.control.ChildSaView;
import org.jswan.gateway.control.ConnView;
import org.jswan.gateway.control.ControlLogSink;
import org.jswan.gateway.control.ControlResult;
import org.jswan.gateway.control.GatewayControl;
import org.jswan.gateway.control.GatewayStats;
import org.jswan.gateway.control.IkeSaView;
import org.jswan.gateway.control.InitiateRequest;
import org.jswan.gateway.control.PoolView;
import org.jswan.gateway.control.RekeyRequest;
import org.jswan.gateway.control.SharedSecret;
import org.jswan.gateway.control.TerminateRequest;
import org.jswan.gateway.control.VersionInfo;
import org.jswan.gateway.control.ViciMessage;

/** A gateway with one IKE_SA "site-b" carrying CHILD_SA "net"; records the control calls. */
final class CliFakeControl implements GatewayControl {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    static final ChildSaView CHILD = new ChildSaView("net", 7, 1, "INSTALLED", "TUNNEL", "ESP", false,
            0xc1a2b3d4, 0x0e5f6071, "AES_GCM_16", 256, null, 0, null, false, 8400, 100, 3, 12600, 150, 2,
            3000, 3400, 600, List.of("10.1.0.0/16"), List.of("10.2.0.0/16"));

    static final IkeSaView IKE = new IkeSaView("site-b", 1, 2, "ESTABLISHED", "192.0.2.1", 500,
            "moon.example.org", "198.51.100.2", 4500, "sun.example.org", true, 0x8a3f000000000001L,
            0x91b2000000000002L, false, true, "AES_CBC", 256, "HMAC_SHA2_256_128", 0, "PRF_HMAC_SHA2_256",
            "CURVE_25519", 605, 13000, -1, List.of(), List.of(), List.of(CHILD));

    static final ConnView CONN = new ConnView("site-b", List.of("192.0.2.1"), List.of("198.51.100.2"), 2, 0, 14400,
            30, List.of(new ConnView.Auth("pre-shared key", "moon.example.org")),
            List.of(new ConnView.Auth("pre-shared key", "sun.example.org")),
            List.of(new ConnView.Child("net", "TUNNEL", List.of("10.1.0.0/16"), List.of("10.2.0.0/16"), 3600, 0, 0,
                    "clear")));

    @Override
    public VersionInfo version() {
        return new VersionInfo("jswan", "test");
    }

    @Override
    public GatewayStats stats() {
        return new GatewayStats(Instant.now().minusSeconds(125), 1, 1, 1, 0, List.of());
    }

    @Override
    public List<IkeSaView> listSas(final String ikeName, final long ikeUniqueId) {
        calls.add("listSas " + ikeName);
        return ikeName == null || ikeName.equals("site-b") ? List.of(IKE) : List.of();
    }

    @Override
    public List<ConnView> listConns(final String ikeName) {
        return List.of(CONN);
    }

    @Override
    public List<String> getConns() {
        return List.of("site-b");
    }

    @Override
    public ControlResult initiate(final InitiateRequest request, final ControlLogSink log) {
        calls.add("initiate " + request.child() + " " + request.ike() + " " + request.timeoutMillis());
        log.log("IKE", 1, "site-b", 1, "initiating IKE_SA site-b[1] to 198.51.100.2");
        return request.child().equals("net") ? ControlResult.ok()
                : ControlResult.failed("CHILD_SA config '" + request.child() + "' not found");
    }

    @Override
    public ControlResult terminate(final TerminateRequest request, final ControlLogSink log) {
        calls.add("terminate " + request.ike() + " " + request.ikeId());
        log.log("IKE", 1, "site-b", 1, "deleting IKE_SA site-b[1]");
        return ControlResult.ok();
    }

    @Override
    public ControlResult rekey(final RekeyRequest request) {
        calls.add("rekey " + request.child() + " " + request.ike());
        return ControlResult.ok();
    }

    @Override
    public ControlResult loadConn(final String name, final ViciMessage config) {
        return ControlResult.failed("no");
    }

    @Override
    public ControlResult unloadConn(final String name) {
        return ControlResult.failed("no");
    }

    @Override
    public ControlResult loadShared(final SharedSecret secret) {
        return ControlResult.failed("no");
    }

    @Override
    public ControlResult clearCreds() {
        return ControlResult.ok();
    }

    @Override
    public ControlResult loadCert(final String type, final String flag, final byte[] data) {
        return ControlResult.failed("no");
    }

    @Override
    public ControlResult loadKey(final String type, final byte[] data) {
        return ControlResult.failed("no");
    }

    @Override
    public List<PoolView> getPools(final boolean withLeases) {
        return List.of();
    }

    @Override
    public ControlResult loadPool(final String name, final ViciMessage config) {
        return ControlResult.failed("no");
    }

    @Override
    public ControlResult unloadPool(final String name) {
        return ControlResult.failed("no");
    }

    @Override
    public ControlResult reloadSettings() {
        calls.add("reloadSettings");
        return ControlResult.failed("swanctl.conf:3: connections.x.version: bad");
    }
}
