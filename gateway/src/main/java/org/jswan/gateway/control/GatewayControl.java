package org.jswan.gateway.control;

import java.util.List;

/**
 * What the daemon offers to its control interface, in daemon terms. {@link ViciCommands} translates VICI messages
 * to and from these calls, so the daemon knows nothing of VICI key names. Implementations are called from VICI
 * client threads, possibly concurrently, and answer what they cannot do with
 * {@link ControlResult#failed(String)}.
 */
public interface GatewayControl {

    /** Daemon name and version for {@code version}. */
    VersionInfo version();

    /** Load figures for {@code stats}. */
    GatewayStats stats();

    /** Active IKE_SAs with their CHILD_SAs; {@code ikeName} null and {@code ikeUniqueId} 0 mean all. */
    List<IkeSaView> listSas(String ikeName, long ikeUniqueId);

    /** Loaded connections; {@code ikeName} null means all. */
    List<ConnView> listConns(String ikeName);

    /** Names of the active connections ({@code get-conns}); swanctl --load-all unloads those its file lacks. */
    List<String> getConns();

    /** Initiates a CHILD_SA (and its IKE_SA as needed); progress goes to {@code log}. */
    ControlResult initiate(InitiateRequest request, ControlLogSink log);

    /** Terminates IKE_SAs or CHILD_SAs; progress goes to {@code log}. */
    ControlResult terminate(TerminateRequest request, ControlLogSink log);

    /** Rekeys (or reauthenticates) IKE_SAs or CHILD_SAs. */
    ControlResult rekey(RekeyRequest request);

    /**
     * Loads or replaces connection {@code name}. {@code config} is the swanctl.conf subtree as swanctl sends it
     * ({@code local_addrs}, {@code local-*}, {@code children}, ...); the daemon converts it to its own config.
     */
    ControlResult loadConn(String name, ViciMessage config);

    ControlResult unloadConn(String name);

    /** Loads a PSK (type {@code IKE}) or EAP/XAuth secret. */
    ControlResult loadShared(SharedSecret secret);

    /** The ids of the shared secrets loaded over the control interface ({@code get-shared}). */
    default List<String> getShared() {
        return List.of();
    }

    /** Forgets the shared secret loaded with {@code id} ({@code unload-shared}). */
    default ControlResult unloadShared(final String id) {
        return ControlResult.failed("unload-shared is not supported by this control");
    }

    /** Forgets credentials loaded over the control interface. */
    ControlResult clearCreds();

    /** Loads a certificate; {@code type} X509|X509_AC|X509_CRL, {@code flag} NONE|CA|AA|OCSP, PEM or DER data. */
    ControlResult loadCert(String type, String flag, byte[] data);

    /** Loads a private key; {@code type} RSA|ECDSA|ED25519|ANY..., PEM or DER data. */
    ControlResult loadKey(String type, byte[] data);

    /** Virtual IP pools for {@code get-pools}. */
    List<PoolView> getPools(boolean withLeases);

    /** Loads or updates pool {@code name}; {@code config} holds {@code addrs} and attribute lists. */
    ControlResult loadPool(String name, ViciMessage config);

    ControlResult unloadPool(String name);

    /** Re-reads the daemon's settings. */
    ControlResult reloadSettings();
}
