package org.jswan.ike.peer;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jswan.config.AuthConfig;
import org.jswan.config.ChildConfig;
import org.jswan.config.ConnectionConfig;
import org.jswan.config.SecretConfig;
import org.jswan.config.PoolConfig;
import org.jswan.config.SwanctlConfig;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.auth.IdentityException;
import org.jswan.ike.cred.CredentialException;
import org.jswan.ike.cred.CredentialFiles;
import org.jswan.ike.cred.CredentialStore;
import org.jswan.ike.proposal.DefaultProposals;
import org.jswan.ike.proposal.ProposalParser;
import org.jswan.ike.proposal.ProposalSpec;
import org.jswan.ike.proposal.ProposalSyntaxException;
import org.jswan.ike.proposal.ProtocolKind;

/**
 * Builds the daemon's connections from the swanctl.conf model: proposals parsed, identities and credentials
 * resolved against the swanctl directory layout (x509/, x509ca/, private/...). Every problem is collected, each
 * naming the connection and key, so an admin sees them all at once.
 */
public final class PeerConfigFactory {
    private final Path configDir;
    private final CredentialStore credentials;
    private final List<String> problems = new ArrayList<>();

    public PeerConfigFactory(final Path configDir, final CredentialStore credentials) {
        this.configDir = configDir;
        this.credentials = credentials;
    }

    /** The connections and secrets; check {@link #problems()} before using them. */
    public record Result(List<PeerConfig> connections, SharedSecrets secrets, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Result build(final SwanctlConfig config) {
        List<PeerConfig> peers = new ArrayList<>();
        for (ConnectionConfig c : config.connections()) {
            PeerConfig p = connection(c, config);
            if (p != null) {
                peers.add(p);
            }
        }
        List<SharedSecrets.Entry> entries = new ArrayList<>();
        for (SecretConfig s : config.secrets()) {
            if (s.type() != SecretConfig.Type.IKE || s.secret() == null) {
                continue;
            }
            List<Identity> ids = new ArrayList<>();
            for (String id : s.ids()) {
                Identity parsed = identity(id, "secrets." + s.name() + ".id");
                if (parsed != null) {
                    ids.add(parsed);
                }
            }
            entries.add(new SharedSecrets.Entry(ids, s.secret().bytes()));
        }
        return new Result(peers, new SharedSecrets(entries), List.copyOf(problems));
    }

    private PeerConfig connection(final ConnectionConfig c, final SwanctlConfig config) {
        String at = "connections." + c.name();
        if (c.version() == 1) {
            problems.add(at + ".version: IKEv1 is not supported by jswan, use version = 2");
            return null;
        }
        if (c.local().isEmpty() || c.remote().isEmpty()) {
            problems.add(at + ": needs a local and a remote authentication round");
            return null;
        }
        if (c.local().size() > 1 || c.remote().size() > 1) {
            problems.add(at + ": multiple authentication rounds are not supported by jswan yet");
        }
        List<ProposalSpec> proposals = proposals(ProtocolKind.IKE, c.proposals(), at + ".proposals");
        AuthSpec local = auth(c.local().get(0), true, at + ".local");
        AuthSpec remote = auth(c.remote().get(0), false, at + ".remote");
        List<ChildPeerConfig> children = new ArrayList<>();
        for (ChildConfig ch : c.children()) {
            ChildPeerConfig child = child(ch, at + ".children." + ch.name());
            if (child != null) {
                children.add(child);
            }
        }
        if (proposals == null || local == null || remote == null) {
            return null;
        }
        List<VirtualIpPool> pools = new ArrayList<>();
        for (String name : c.pools()) {
            PoolConfig pool = config.pool(name);
            if (pool == null) {
                // The validator warns already; strongSwan also asks its other pool sources (attr plugins).
                continue;
            }
            try {
                pools.add(VirtualIpPool.parse(pool.name(), pool.addrs(), pool.attribute("dns")));
            } catch (java.net.UnknownHostException | IllegalArgumentException e) {
                problems.add("pools." + name + ": " + e.getMessage());
            }
        }
        return new PeerConfig(c.name(), addrs(c.localAddrs()), addrs(c.remoteAddrs()), c.localPort(),
                c.remotePort(), proposals, local, remote, c.rekeyTime(), c.reauthTime(), c.overTime(), c.randTime(),
                c.dpdDelay(), c.encap(), c.sendCertreq(), c.sendCert() == ConnectionConfig.SendCert.ALWAYS,
                c.keyingtries(), children, pools);
    }

    private static List<String> addrs(final List<String> in) {
        List<String> out = new ArrayList<>();
        for (String a : in) {
            if (!a.equals("%any")) {
                out.add(a);
            }
        }
        return out;
    }

    private AuthSpec auth(final AuthConfig a, final boolean local, final String at) {
        String method = a.method();
        if (!method.equals("psk") && !method.equals("pubkey")) {
            problems.add(at + ".auth: '" + a.auth() + "' is not supported by jswan yet (use psk or pubkey)");
            return null;
        }
        Identity id = a.id() == null ? (local ? null : Identity.ANY) : identity(a.id(), at + ".id");
        List<X509Certificate> certs = new ArrayList<>();
        PrivateKey key = null;
        List<X509Certificate> cacerts = new ArrayList<>();
        if (local && method.equals("pubkey")) {
            for (String file : a.certs()) {
                X509Certificate cert = certificate(file, "x509", at + ".certs");
                if (cert != null) {
                    certs.add(cert);
                }
            }
            if (certs.isEmpty() && id != null) {
                credentials.ownCertificateFor(id).ifPresent(certs::add);
            }
            if (certs.isEmpty()) {
                problems.add(at + ": public key authentication needs a certificate (certs = <file in x509/>)");
            } else {
                key = credentials.privateKeyFor(certs.get(0)).orElse(null);
                if (key == null) {
                    problems.add(at + ".certs: no private key in private/, rsa/, ecdsa/ or pkcs8/ matches '"
                            + certs.get(0).getSubjectX500Principal().getName() + "'");
                }
            }
        }
        if (!local) {
            for (String file : a.cacerts()) {
                X509Certificate cert = certificate(file, "x509ca", at + ".cacerts");
                if (cert != null) {
                    cacerts.add(cert);
                }
            }
        }
        return new AuthSpec(method, id, certs, key, cacerts);
    }

    private X509Certificate certificate(final String file, final String folder, final String at) {
        Path path = Path.of(file).isAbsolute() ? Path.of(file) : configDir.resolve(folder).resolve(file);
        try {
            return CredentialFiles.readCertificate(path);
        } catch (CredentialException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    private Identity identity(final String text, final String at) {
        try {
            return Identity.parse(text);
        } catch (IdentityException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    private ChildPeerConfig child(final ChildConfig ch, final String at) {
        boolean transport;
        switch (ch.mode()) {
            case TUNNEL:
                transport = false;
                break;
            case TRANSPORT:
                transport = true;
                break;
            default:
                problems.add(at + ".mode: " + ch.mode().name().toLowerCase(java.util.Locale.ROOT)
                        + " is not supported by jswan yet (use tunnel or transport)");
                return null;
        }
        List<TsConfig> local = selectors(ch.localTs(), at + ".local_ts");
        List<TsConfig> remote = selectors(ch.remoteTs(), at + ".remote_ts");
        List<ProposalSpec> esp = proposals(ProtocolKind.ESP, ch.espProposals(), at + ".esp_proposals");
        if (local == null || remote == null || esp == null) {
            return null;
        }
        return new ChildPeerConfig(ch.name(), local, remote, esp, transport, startAction(ch.startAction()),
                closeAction(ch.closeAction()), dpdAction(ch.dpdAction()), ch.rekeyTime(), ch.lifeTime(),
                ch.randTime() == null ? Duration.ZERO : ch.randTime(), ch.rekeyBytes(), ch.lifeBytes(),
                ch.rekeyPackets(), ch.lifePackets(), ch.replayWindow());
    }

    private List<TsConfig> selectors(final List<String> ts, final String at) {
        List<TsConfig> out = new ArrayList<>();
        for (String s : ts.isEmpty() ? List.of("dynamic") : ts) {
            try {
                out.add(TsConfig.parse(s));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
                return null;
            }
        }
        return out;
    }

    private List<ProposalSpec> proposals(final ProtocolKind kind, final List<String> text, final String at) {
        if (text.isEmpty()) {
            return kind == ProtocolKind.IKE ? DefaultProposals.ike() : DefaultProposals.esp();
        }
        try {
            return ProposalParser.parseList(kind, String.join(",", text));
        } catch (ProposalSyntaxException e) {
            problems.add(at + ": " + e.getMessage());
            return null;
        }
    }

    private static ChildPeerConfig.StartAction startAction(final ChildConfig.StartAction a) {
        return ChildPeerConfig.StartAction.valueOf(a.name());
    }

    private static ChildPeerConfig.CloseAction closeAction(final ChildConfig.StartAction a) {
        return ChildPeerConfig.CloseAction.valueOf(a.name());
    }

    private static ChildPeerConfig.CloseAction dpdAction(final ChildConfig.DpdAction a) {
        switch (a) {
            case TRAP:
                return ChildPeerConfig.CloseAction.TRAP;
            case RESTART:
                return ChildPeerConfig.CloseAction.START;
            default:
                return ChildPeerConfig.CloseAction.NONE;
        }
    }
}
