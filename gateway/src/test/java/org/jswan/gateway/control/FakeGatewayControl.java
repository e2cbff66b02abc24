package org.jswan.gateway.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A gateway with one established IKE_SA "gw" carrying CHILD_SA "net"; records every call it receives. */
final class FakeGatewayControl implements GatewayControl {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<ViciMessage> loadedConns = Collections.synchronizedList(new ArrayList<>());
    volatile SharedSecret lastSecret;

    static final ChildSaView CHILD = new ChildSaView("net", 7, 1, "INSTALLED", "TUNNEL", "ESP", false,
            0xc1a2b3d4, 0x0e5f6071, "AES_GCM_16", 256, null, 0, null, false, 8400, 100, 3, 12600, 150, 2,
            3000, 3400, 600, List.of("10.1.0.0/16"), List.of("10.2.0.0/16"));

    static final IkeSaView IKE = new IkeSaView("gw", 3, 2, "ESTABLISHED", "192.0.2.1", 500, "moon.example.org",
            "198.51.100.2", 4500, "sun.example.org", true, 0x0123456789abcdefL, 0xfedcba9876543210L, false, true,
            "AES_CBC", 256, "HMAC_SHA2_256_128", 0, "PRF_HMAC_SHA2_256", "CURVE_25519", 605, 13000, -1, List.of(),
            List.of(), List.of(CHILD));

    static final ConnView CONN = new ConnView("gw", List.of("192.0.2.1"), List.of("198.51.100.2"), 2, 0, 14400,
            30, List.of(new ConnView.Auth("pre-shared key", "moon.example.org")),
            List.of(new ConnView.Auth("pre-shared key", "sun.example.org")),
            List.of(new ConnView.Child("net", "TUNNEL", List.of("10.1.0.0/16"), List.of("10.2.0.0/16"), 3600, 0, 0,
                    "clear")));

    @Override
    public VersionInfo version() {
        calls.add("version");
        return new VersionInfo("jswan", "0.1.0-test");
    }

    @Override
    public GatewayStats stats() {
        calls.add("stats");
        return new GatewayStats(Instant.now().minusSeconds(125), 4, 3, 1, 0, List.of("jswan-ike", "jswan-esp"));
    }

    @Override
    public List<IkeSaView> listSas(final String ikeName, final long ikeUniqueId) {
        calls.add("listSas " + ikeName + " " + ikeUniqueId);
        return ikeName == null || ikeName.equals("gw") ? List.of(IKE) : List.of();
    }

    @Override
    public List<ConnView> listConns(final String ikeName) {
        calls.add("listConns " + ikeName);
        return List.of(CONN);
    }

    @Override
    public List<String> getConns() {
        calls.add("getConns");
        return List.of();
    }

    @Override
    public ControlResult initiate(final InitiateRequest request, final ControlLogSink log) {
        calls.add("initiate " + request);
        log.log("IKE", 1, "gw", 3, "initiating IKE_SA gw[3] to 198.51.100.2");
        log.log("IKE", 2, "gw", 3, "detail only at level 2");
        log.log("CHD", 0, "gw", 3, "CHILD_SA net{7} established");
        return request.child().equals("net") ? ControlResult.ok()
                : ControlResult.failed("CHILD_SA config '" + request.child() + "' not found");
    }

    @Override
    public ControlResult terminate(final TerminateRequest request, final ControlLogSink log) {
        calls.add("terminate " + request);
        log.log("IKE", 1, "gw", 3, "deleting IKE_SA gw[3] between 192.0.2.1...198.51.100.2");
        return ControlResult.ok();
    }

    @Override
    public ControlResult rekey(final RekeyRequest request) {
        calls.add("rekey " + request);
        return ControlResult.ok();
    }

    @Override
    public ControlResult loadConn(final String name, final ViciMessage config) {
        calls.add("loadConn " + name);
        loadedConns.add(config);
        return ControlResult.ok();
    }

    @Override
    public ControlResult unloadConn(final String name) {
        calls.add("unloadConn " + name);
        return ControlResult.ok();
    }

    @Override
    public ControlResult loadShared(final SharedSecret secret) {
        calls.add("loadShared " + secret);
        lastSecret = secret;
        return ControlResult.ok();
    }

    @Override
    public ControlResult clearCreds() {
        calls.add("clearCreds");
        return ControlResult.ok();
    }

    @Override
    public ControlResult loadCert(final String type, final String flag, final byte[] data) {
        calls.add("loadCert " + type + " " + flag);
        return ControlResult.failed("certificates are not supported by the fake");
    }

    @Override
    public ControlResult loadKey(final String type, final byte[] data) {
        calls.add("loadKey " + type);
        return ControlResult.failed("keys are not supported by the fake");
    }

    @Override
    public List<PoolView> getPools(final boolean withLeases) {
        calls.add("getPools " + withLeases);
        return List.of();
    }

    @Override
    public ControlResult loadPool(final String name, final ViciMessage config) {
        calls.add("loadPool " + name);
        return ControlResult.ok();
    }

    @Override
    public ControlResult unloadPool(final String name) {
        calls.add("unloadPool " + name);
        return ControlResult.ok();
    }

    @Override
    public ControlResult reloadSettings() {
        calls.add("reloadSettings");
        return ControlResult.ok();
    }
}
