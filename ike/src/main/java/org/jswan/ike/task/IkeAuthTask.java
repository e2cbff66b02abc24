package org.jswan.ike.task;

import java.net.Inet4Address;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jswan.ike.auth.AuthData;
import org.jswan.ike.auth.AuthException;
import org.jswan.ike.auth.CertContent;
import org.jswan.ike.auth.CertRequestContent;
import org.jswan.ike.auth.Identity;
import org.jswan.ike.auth.IdentityException;
import org.jswan.ike.auth.PskAuthenticator;
import org.jswan.ike.auth.PubkeyAuthenticator;
import org.jswan.ike.auth.SignatureHashAlgorithms;
import org.jswan.ike.cred.CertificateIdentities;
import org.jswan.ike.cred.CertificateValidationException;
import org.jswan.ike.crypto.Algorithm;
import org.jswan.ike.crypto.Keymat;
import org.jswan.ike.message.AuthMethod;
import org.jswan.ike.message.AuthPayload;
import org.jswan.ike.message.CertEncoding;
import org.jswan.ike.message.CertPayload;
import org.jswan.ike.message.CertReqPayload;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IdPayload;
import org.jswan.ike.message.IdType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.peer.AuthSpec;
import org.jswan.ike.peer.PeerConfig;
import org.jswan.ike.proposal.ProposalSpec;
import org.jswan.ike.proposal.TransformSpec;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.sa.IkeSaState;

/**
 * IKE_AUTH authentication (RFC 7296 §1.2, §2.15): identities, certificates and the AUTH payload, with pre-shared
 * keys or signatures (classic methods and RFC 7427). The responder picks the connection whose remote identity
 * matches IDi; wrong keys or untrusted certificates end in AUTHENTICATION_FAILED.
 */
final class IkeAuthTask implements Task {
    private static final System.Logger IKE = System.getLogger("IKE");
    private static final System.Logger CFG = System.getLogger("CFG");

    private final IkeSa sa;
    private final TaskContext ctx;
    private final boolean initiator;
    private SignatureHashAlgorithms peerHashes;
    private List<byte[]> peerCertRequests = List.of();
    /** Responder: the IKE_AUTH request carried INITIAL_CONTACT (RFC 7296 §2.4). */
    private boolean initialContact;

    IkeAuthTask(final IkeSa sa, final TaskContext ctx, final boolean initiator) {
        this.sa = sa;
        this.ctx = ctx;
        this.initiator = initiator;
    }

    @Override
    public TaskType type() {
        return TaskType.IKE_AUTH;
    }

    @Override
    public TaskStatus build(final OutboundMessage message) throws IkeProtocolException {
        if (message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            // RFC 7296 §1.2: <-- HDR, SAr1, KEr, Nr, [CERTREQ]; a peer like strongSwan (send_cert = ifasked)
            // sends its certificate only when asked, and as initiator it is asked here.
            if (!initiator && sa.config() != null
                    && message.payloads().stream().anyMatch(p -> p.type().equals(PayloadType.SA))) {
                addCertReq(message);
            }
            return TaskStatus.NEED_MORE;
        }
        if (!message.exchangeType().equals(ExchangeType.IKE_AUTH)) {
            return TaskStatus.SUCCESS;
        }
        AuthSpec local = sa.config().local();
        Identity me = localIdentity(local);
        sa.localId(me);
        byte[] idBody = me.encode();
        message.add(new IdPayload(initiator, IdType.valueOf(idBody[0] & 0xff), Arrays.copyOfRange(idBody, 4,
                idBody.length)));
        if (!local.psk() && !local.certs().isEmpty()) {
            for (X509Certificate c : local.certs()) {
                // CertContent builds the whole body (encoding byte first); the payload keeps the byte apart.
                byte[] body = CertContent.encode(c);
                message.add(new CertPayload(CertEncoding.X509_CERTIFICATE_SIGNATURE,
                        Arrays.copyOfRange(body, 1, body.length)));
            }
        }
        AuthSpec remote = sa.config().remote();
        if (initiator) {
            addCertReq(message);
            if (remote.id() != null && !remote.id().isAny() && !remote.id().hasWildcard()) {
                byte[] r = remote.id().encode();
                message.add(new IdPayload(false, IdType.valueOf(r[0] & 0xff), Arrays.copyOfRange(r, 4, r.length)));
            }
        }
        byte[] octets = Keymat.authOctets(initiator ? sa.initRequest() : sa.initResponse(),
                initiator ? sa.nonceR() : sa.nonceI(), sa.keys().prf(),
                initiator ? sa.keys().skPi() : sa.keys().skPr(), idBody);
        AuthData auth;
        try {
            if (local.psk()) {
                byte[] psk = ctx.secrets().find(me, sa.remoteId() != null ? sa.remoteId() : remote.id());
                if (psk == null) {
                    throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "no shared key found for '"
                            + me + "' - '" + (sa.remoteId() != null ? sa.remoteId() : remote.id()) + "'");
                }
                auth = new PskAuthenticator(sa.keys().prf()).build(psk, octets);
                Arrays.fill(psk, (byte) 0);
                sa.localAuth("pre-shared key");
                IKE.log(System.Logger.Level.INFO, "authentication of '" + me + "' (myself) with pre-shared key");
            } else {
                PrivateKey key = local.privateKey();
                if (key == null) {
                    throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "no private key found for '"
                            + me + "'");
                }
                auth = new PubkeyAuthenticator(true).sign(key, octets, peerHashes);
                sa.localAuth(describe(auth));
                IKE.log(System.Logger.Level.INFO, "authentication of '" + me + "' (myself) with "
                        + describe(auth) + " successful");
            }
        } catch (AuthException e) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "creating AUTH failed: "
                    + e.getMessage());
        }
        message.add(new AuthPayload(auth.method(), auth.data()));
        if (initiator) {
            // RFC 7296 §2.4: only when this is the first IKE_SA with the peer, which then drops any older ones.
            if (!hasContact(me)) {
                message.addNotify(NotifyType.INITIAL_CONTACT, new byte[0]);
            }
            return TaskStatus.NEED_MORE;
        }
        if (initialContact) {
            destroyDuplicates(me, sa.remoteId());
        }
        establish();
        return TaskStatus.SUCCESS;
    }

    @Override
    public TaskStatus process(final IkeMessage message) throws IkeProtocolException {
        if (message.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            NotifyPayload hashes = message.notify(NotifyType.SIGNATURE_HASH_ALGORITHMS);
            if (hashes != null) {
                try {
                    peerHashes = SignatureHashAlgorithms.decode(hashes.data());
                } catch (AuthException e) {
                    IKE.log(System.Logger.Level.DEBUG, () -> "ignoring malformed SIGNATURE_HASH_ALGORITHMS");
                }
            }
            return TaskStatus.NEED_MORE;
        }
        if (!message.exchangeType().equals(ExchangeType.IKE_AUTH)) {
            return TaskStatus.SUCCESS;
        }
        if (initiator) {
            for (NotifyPayload n : message.payloads(NotifyPayload.class)) {
                if (n.notifyType().value() < 16384 && !isChildError(n.notifyType())) {
                    throw new IkeProtocolException(n.notifyType(), "received " + n.notifyType()
                            + " notify error");
                }
            }
        }
        initialContact = !initiator && message.notify(NotifyType.INITIAL_CONTACT) != null;
        IdPayload id = null;
        IdPayload idr = null;
        for (IdPayload p : message.payloads(IdPayload.class)) {
            if (p.initiator() == !initiator) {
                id = p;
            } else {
                idr = p;
            }
        }
        AuthPayload authPayload = message.payloads(AuthPayload.class).isEmpty() ? null
                : message.payloads(AuthPayload.class).get(0);
        if (id == null || authPayload == null) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "IKE_AUTH "
                    + (initiator ? "response" : "request") + " lacks ID or AUTH payload");
        }
        byte[] idBody = new byte[4 + id.data().length];
        idBody[0] = (byte) id.idType().value();
        System.arraycopy(id.data(), 0, idBody, 4, id.data().length);
        Identity peer;
        try {
            peer = Identity.decode(idBody);
        } catch (IdentityException e) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "malformed ID payload: "
                    + e.getMessage());
        }
        sa.remoteId(peer);
        List<CertReqPayload> reqs = message.payloads(CertReqPayload.class);
        peerCertRequests = new ArrayList<>();
        for (CertReqPayload r : reqs) {
            try {
                peerCertRequests.addAll(CertRequestContent.decode(withEncoding(r.encoding().value(),
                        r.authorities())));
            } catch (AuthException e) {
                IKE.log(System.Logger.Level.DEBUG, () -> "ignoring malformed CERTREQ");
            }
        }
        if (!initiator) {
            selectConfig(peer, idr);
        }
        AuthSpec remote = sa.config().remote();
        if (remote.id() != null && !remote.id().isAny() && !remote.id().matches(peer)) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "peer identity '" + peer
                    + "' does not match expected '" + remote.id() + "'");
        }
        byte[] octets = Keymat.authOctets(initiator ? sa.initResponse() : sa.initRequest(),
                initiator ? sa.nonceI() : sa.nonceR(), sa.keys().prf(),
                initiator ? sa.keys().skPr() : sa.keys().skPi(), idBody);
        AuthData auth = new AuthData(authPayload.method(), authPayload.data());
        try {
            if (authPayload.method().equals(AuthMethod.SHARED_KEY_MIC)) {
                if (!remote.psk()) {
                    throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "peer used a pre-shared key,"
                            + " but connection '" + sa.name() + "' requires public key authentication");
                }
                Identity me = sa.localId() != null ? sa.localId() : localIdentity(sa.config().local());
                byte[] psk = ctx.secrets().find(me, peer);
                if (psk == null) {
                    throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "no shared key found for '"
                            + me + "' - '" + peer + "'");
                }
                new PskAuthenticator(sa.keys().prf()).verify(psk, octets, auth);
                Arrays.fill(psk, (byte) 0);
                sa.remoteAuth("pre-shared key");
                IKE.log(System.Logger.Level.INFO, "authentication of '" + peer + "' with pre-shared key successful");
            } else {
                if (remote.psk()) {
                    throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "peer used a signature, but"
                            + " connection '" + sa.name() + "' requires a pre-shared key");
                }
                X509Certificate cert = verifyCertificate(message, peer);
                new PubkeyAuthenticator(true).verify(cert.getPublicKey(), octets, auth, null);
                sa.remoteAuth(describe(auth));
                IKE.log(System.Logger.Level.INFO, "authentication of '" + peer + "' with " + describe(auth)
                        + " successful");
            }
        } catch (AuthException e) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "verification of AUTH from '" + peer
                    + "' failed: " + e.getMessage());
        }
        if (initiator) {
            establish();
            return TaskStatus.SUCCESS;
        }
        return TaskStatus.NEED_MORE;
    }

    private X509Certificate verifyCertificate(final IkeMessage message, final Identity peer)
            throws IkeProtocolException, AuthException {
        List<X509Certificate> certs = new ArrayList<>();
        for (CertPayload c : message.payloads(CertPayload.class)) {
            if (c.encoding().equals(CertEncoding.X509_CERTIFICATE_SIGNATURE)) {
                certs.add(CertContent.decode(withEncoding(c.encoding().value(), c.data())));
            }
        }
        if (certs.isEmpty()) {
            List<X509Certificate> known = ctx.credentials().certificatesFor(peer);
            if (known.isEmpty()) {
                throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "no trusted public key found for '"
                        + peer + "'");
            }
            certs.add(known.get(0));
        }
        X509Certificate endEntity = certs.get(0);
        if (!CertificateIdentities.matches(endEntity, peer)) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "certificate '"
                    + endEntity.getSubjectX500Principal().getName() + "' does not confirm identity '" + peer + "'");
        }
        try {
            var chain = ctx.credentials().validator().validate(endEntity, certs.subList(1, certs.size()),
                    Instant.ofEpochMilli(ctx.nowMillis()));
            List<X509Certificate> required = sa.config().remote().cacerts();
            if (!required.isEmpty() && !required.contains(chain.anchor())) {
                throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "certificate of '" + peer
                        + "' is not issued by a CA of connection '" + sa.name() + "'");
            }
            IKE.log(System.Logger.Level.INFO, "  using trusted ca certificate \""
                    + chain.anchor().getSubjectX500Principal().getName() + "\"");
        } catch (CertificateValidationException e) {
            throw new IkeProtocolException(NotifyType.AUTHENTICATION_FAILED, "certificate of '" + peer
                    + "' not trusted: " + e.getMessage());
        }
        return endEntity;
    }

    /**
     * Responder: among connections reachable at these addresses and allowing the negotiated IKE transforms, the
     * first whose remote id accepts the peer, preferring one whose local id is the IDr the initiator asked for.
     */
    private void selectConfig(final Identity peer, final IdPayload idr) {
        Identity wanted = null;
        if (idr != null) {
            byte[] body = new byte[4 + idr.data().length];
            body[0] = (byte) idr.idType().value();
            System.arraycopy(idr.data(), 0, body, 4, idr.data().length);
            try {
                wanted = Identity.decode(body);
            } catch (IdentityException e) {
                IKE.log(System.Logger.Level.DEBUG, () -> "ignoring malformed IDr: " + e.getMessage());
            }
        }
        PeerConfig current = sa.config();
        if (current != null && acceptsPeer(current, peer) && servesId(current, wanted)) {
            return;
        }
        PeerConfig fallback = current != null && acceptsPeer(current, peer) ? current : null;
        for (PeerConfig c : PeerSelection.byAddress(ctx.peerConfigs(), sa.local(), sa.remote())) {
            if (!acceptsPeer(c, peer) || !allowsNegotiated(c)) {
                continue;
            }
            if (servesId(c, wanted)) {
                fallback = c;
                break;
            }
            if (fallback == null) {
                fallback = c;
            }
        }
        if (fallback != null && fallback != current) {
            CFG.log(System.Logger.Level.INFO, "switching to peer config '" + fallback.name() + "'");
            sa.config(fallback);
        }
    }

    /** True if {@code c} names no local id, or IDr is absent, or they match (RFC 7296 §3.5: IDr is optional). */
    private boolean servesId(final PeerConfig c, final Identity wanted) {
        if (wanted == null) {
            return true;
        }
        Identity mine = c.local().id();
        if (mine == null || mine.isAny()) {
            return true;
        }
        return mine.matches(wanted) || wanted.matches(mine);
    }

    /** The IKE_SA's transforms were negotiated with another connection: this one must offer them too. */
    private boolean allowsNegotiated(final PeerConfig c) {
        var t = sa.transforms();
        if (t == null) {
            return c.proposals().equals(sa.config().proposals());
        }
        for (ProposalSpec p : c.proposals()) {
            if (has(p, t.encryption()) && has(p, t.integrity()) && has(p, t.prf()) && has(p, t.keyExchange())) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(final ProposalSpec p, final Algorithm a) {
        return a == null || p.transforms().contains(TransformSpec.of(a));
    }

    private static boolean acceptsPeer(final PeerConfig c, final Identity peer) {
        Identity want = c.remote().id();
        return want == null || want.isAny() || want.matches(peer);
    }

    private static boolean isChildError(final NotifyType t) {
        return t.equals(NotifyType.NO_PROPOSAL_CHOSEN) || t.equals(NotifyType.TS_UNACCEPTABLE)
                || t.equals(NotifyType.SINGLE_PAIR_REQUIRED) || t.equals(NotifyType.INVALID_SELECTORS)
                || t.equals(NotifyType.INTERNAL_ADDRESS_FAILURE) || t.equals(NotifyType.FAILED_CP_REQUIRED);
    }

    /**
     * True if another IKE_SA of ours with our identity goes to the same peer (its identity once known, else its
     * address). IKE_SAs still in IKE_AUTH count too, so of several set up at once only the first says
     * INITIAL_CONTACT and the peer does not destroy the others.
     */
    private boolean hasContact(final Identity me) {
        Identity peer = sa.config().remote().id();
        boolean anyPeer = peer == null || peer.isAny() || peer.hasWildcard();
        for (IkeSa other : ctx.ikeSas()) {
            if (other == sa || !live(other) || !me.equals(other.localId()) || other.remote() == null) {
                continue;
            }
            if (anyPeer || other.remoteId() == null ? other.remote().getAddress().equals(sa.remote().getAddress())
                    : peer.matches(other.remoteId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 7296 §2.4: the peer says it has no other IKE_SA with us, so older IKE_SAs between the same identities are
     * stale (it rebooted). Like strongSwan (uniqueness policy "no"), they are destroyed without a DELETE.
     */
    private void destroyDuplicates(final Identity me, final Identity peer) {
        boolean v4 = sa.remote().getAddress() instanceof Inet4Address;
        for (IkeSa other : ctx.ikeSas()) {
            if (other == sa || other.remote() == null || !me.equals(other.localId()) || !peer.equals(other.remoteId())
                    || v4 != other.remote().getAddress() instanceof Inet4Address) {
                continue;
            }
            IKE.log(System.Logger.Level.INFO, "destroying duplicate IKE_SA for peer '" + peer
                    + "', received INITIAL_CONTACT");
            ctx.destroy(other, "received INITIAL_CONTACT");
        }
    }

    private static boolean live(final IkeSa s) {
        return s.state() == IkeSaState.CONNECTING || s.state() == IkeSaState.ESTABLISHED
                || s.state() == IkeSaState.REKEYING;
    }

    private Identity localIdentity(final AuthSpec local) {
        if (local.id() != null && !local.id().isAny()) {
            return local.id();
        }
        if (!local.psk() && !local.certs().isEmpty()) {
            return Identity.dn(local.certs().get(0).getSubjectX500Principal());
        }
        return Identity.address(sa.local().getAddress());
    }

    private static String describe(final AuthData auth) {
        int m = auth.method().value();
        switch (m) {
            case 1: return "RSA signature";
            case 9: case 10: case 11: return "ECDSA signature";
            case 14: return "RFC 7427 signature";
            default: return "method " + m;
        }
    }

    private void establish() {
        sa.state(IkeSaState.ESTABLISHED);
        sa.establishedAtMillis(ctx.nowMillis());
        IKE.log(System.Logger.Level.INFO, "IKE_SA " + sa + " established between "
                + sa.local().getAddress().getHostAddress() + "[" + sa.localId() + "]..."
                + sa.remote().getAddress().getHostAddress() + "[" + sa.remoteId() + "]");
        ctx.ikeEstablished(sa);
    }


    private void addCertReq(final OutboundMessage message) {
        AuthSpec remote = sa.config().remote();
        if (remote.psk() || !sa.config().sendCertreq()) {
            return;
        }
        List<X509Certificate> cas = remote.cacerts().isEmpty() ? ctx.credentials().authorities() : remote.cacerts();
        if (!cas.isEmpty()) {
            // CertRequestContent works on the whole body (encoding byte first); the payload keeps the byte apart.
            byte[] body = CertRequestContent.encode(cas);
            message.add(new CertReqPayload(CertEncoding.X509_CERTIFICATE_SIGNATURE,
                    Arrays.copyOfRange(body, 1, body.length)));
        }
    }

    /** A CERT/CERTREQ body as RFC 7296 §3.6/§3.7 lay it out (Cert Encoding, then data), for CertContent & co. */
    private static byte[] withEncoding(final int encoding, final byte[] data) {
        byte[] body = new byte[1 + data.length];
        body[0] = (byte) encoding;
        System.arraycopy(data, 0, body, 1, data.length);
        return body;
    }
}
