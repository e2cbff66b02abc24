package org.jswan.ike.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.jswan.ike.codec.MessageCodec;
import org.jswan.ike.codec.Reassembler;
import org.jswan.ike.message.DeletePayload;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.ProtocolId;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.sa.IkeSa;
import org.jswan.ike.sa.IkeSaState;

/**
 * Turns an IKE_SA's tasks into exchanges and nothing else does (strongSwan's task_manager_v2.c). One request of
 * ours is outstanding at a time (window size 1, RFC 7296 §2.3); it is retransmitted on the strongSwan schedule until
 * answered. Requests of the peer are answered in order; a retransmitted request gets the cached response (§2.1).
 */
public final class TaskManager {
    private static final System.Logger IKE = System.getLogger("IKE");
    private static final System.Logger ENC = System.getLogger("ENC");
    /** strongSwan's charon.fragment_size default: the largest IP datagram carrying an IKE message we send. */
    private static final int FRAGMENT_SIZE = 1280;
    /** Why an IKE_SA the peer deleted was destroyed (close_action applies to these only). */
    public static final String DELETED_BY_PEER = "deleted by peer";

    private final IkeSa sa;
    private final TaskContext ctx;
    private final RetransmitSchedule schedule;
    private final Deque<Task> queued = new ArrayDeque<>();
    private final List<Task> active = new ArrayList<>();
    private final List<Task> passive = new ArrayList<>();
    private ExchangeType activeExchange;
    private long nextRequestId;
    private long expectedRequestId;
    /** Our request in flight, as sent: one datagram, or its RFC 7383 fragments. */
    private List<byte[]> outstanding;
    private int sendCount;
    private Runnable retransmitTimer;
    private List<byte[]> lastResponse;
    private final Reassembler requestFragments = new Reassembler();
    private final Reassembler responseFragments = new Reassembler();
    private boolean destroyed;

    public TaskManager(final IkeSa sa, final TaskContext ctx, final RetransmitSchedule schedule) {
        this.sa = sa;
        this.ctx = ctx;
        this.schedule = schedule;
    }

    public IkeSa sa() {
        return sa;
    }

    public void queue(final Task task) {
        queued.add(task);
    }

    public boolean hasQueued(final TaskType type) {
        for (Task t : queued) {
            if (t.type() == type) {
                return true;
            }
        }
        for (Task t : active) {
            if (t.type() == type) {
                return true;
            }
        }
        return false;
    }

    /** Our outstanding IKE_SA rekey, if any (for collisions, RFC 7296 §2.8.2). */
    IkeRekeyTask activeIkeRekey() {
        for (Task t : active) {
            if (t instanceof IkeRekeyTask r && r.initiates()) {
                return r;
            }
        }
        return null;
    }

    /** Our outstanding rekey of {@code child}, if any (for collisions, RFC 7296 §2.8.1). */
    ChildRekeyTask activeRekeyOf(final org.jswan.ike.sa.ChildSa child) {
        for (Task t : active) {
            if (t instanceof ChildRekeyTask r && r.rekeys(child)) {
                return r;
            }
        }
        return null;
    }

    /** True if {@code message} is the next request of the peer or the answer to our outstanding one (§2.3). */
    public boolean inWindow(final IkeMessage message) {
        if (message.header().response()) {
            return outstanding != null && message.messageId() == nextRequestId;
        }
        return message.messageId() == expectedRequestId;
    }

    public boolean busy() {
        return outstanding != null;
    }

    /** Starts the next exchange if none of ours is outstanding and a task waits. */
    public void initiate() {
        if (destroyed || outstanding != null) {
            return;
        }
        if (active.isEmpty()) {
            if (!activateNext()) {
                return;
            }
        } else {
            activeExchange = exchangeForActive();
        }
        sendRequest(activeExchange);
    }

    /** Picks the tasks of the next exchange, in strongSwan's order: IKE setup first, then by priority. */
    private boolean activateNext() {
        if (queued.isEmpty()) {
            return false;
        }
        if (sa.state() == IkeSaState.CREATED || sa.state() == IkeSaState.CONNECTING) {
            active.addAll(queued);
            queued.clear();
            activeExchange = exchangeForActive();
            return true;
        }
        Task best = null;
        for (Task t : queued) {
            if (best == null || t.type().ordinal() < best.type().ordinal()) {
                best = t;
            }
        }
        queued.remove(best);
        active.add(best);
        switch (best.type()) {
            case CHILD_CREATE:
            case CHILD_REKEY:
            case IKE_REKEY:
                activeExchange = ExchangeType.CREATE_CHILD_SA;
                break;
            default:
                activeExchange = ExchangeType.INFORMATIONAL;
        }
        return true;
    }

    private ExchangeType exchangeForActive() {
        for (Task t : active) {
            if (t.type() == TaskType.IKE_INIT) {
                return ExchangeType.IKE_SA_INIT;
            }
        }
        for (Task t : active) {
            if (t.type() == TaskType.IKE_AUTH) {
                return ExchangeType.IKE_AUTH;
            }
        }
        return activeExchange;
    }

    private void sendRequest(final ExchangeType exchange) {
        OutboundMessage request = new OutboundMessage(sa, exchange, nextRequestId, false);
        for (Iterator<Task> it = active.iterator(); it.hasNext();) {
            Task t = it.next();
            TaskStatus status;
            try {
                status = t.build(request);
            } catch (IkeProtocolException e) {
                fail("building " + exchange + " request failed: " + e.getMessage());
                return;
            }
            if (status == TaskStatus.SUCCESS) {
                it.remove();
            } else if (status == TaskStatus.FAILED || status == TaskStatus.DESTROY_ME) {
                fail("building " + exchange + " request failed in " + t.type());
                return;
            }
        }
        List<byte[]> encoded = encode(request);
        if (encoded == null) {
            return;
        }
        if (exchange.equals(ExchangeType.IKE_SA_INIT)) {
            sa.initMessages(encoded.get(0), sa.initResponse());
        }
        outstanding = encoded;
        sendCount = 0;
        transmit();
    }

    /** Sends the outstanding request and arms its retransmission timer. */
    private void transmit() {
        List<byte[]> message = outstanding;
        send(message);
        int attempt = sendCount++;
        retransmitTimer = ctx.schedule(schedule.delayMillis(attempt), () -> onRetransmitTimer(message));
    }

    private void onRetransmitTimer(final List<byte[]> message) {
        if (destroyed || outstanding != message) {
            return;
        }
        if (!schedule.allows(sendCount)) {
            IKE.log(System.Logger.Level.INFO, "giving up after " + (sendCount - 1) + " retransmits");
            fail("peer did not answer");
            return;
        }
        IKE.log(System.Logger.Level.INFO, "retransmit " + sendCount + " of request with message ID "
                + nextRequestId);
        transmit();
    }

    /** Handles a response from the peer to our outstanding request; {@code raw} is the datagram as received. */
    public void onResponse(final IkeMessage response, final byte[] raw) {
        if (outstanding == null || response.messageId() != nextRequestId) {
            ctx.dropped("unexpected response");
            IKE.log(System.Logger.Level.DEBUG, () -> "ignoring unexpected response with message ID "
                    + response.messageId());
            return;
        }
        if (response.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            // RFC 7296 §2.15: the responder signs its IKE_SA_INIT response as sent.
            sa.initMessages(sa.initRequest(), raw);
        }
        cancelRetransmit();
        outstanding = null;
        boolean restart = false;
        for (Iterator<Task> it = active.iterator(); it.hasNext();) {
            Task t = it.next();
            TaskStatus status;
            try {
                status = t.process(response);
            } catch (IkeProtocolException e) {
                IKE.log(System.Logger.Level.INFO, e.getMessage());
                if (response.exchangeType().equals(ExchangeType.IKE_AUTH)
                        && e.notifyType().equals(NotifyType.AUTHENTICATION_FAILED)
                        && response.notify(NotifyType.AUTHENTICATION_FAILED) == null) {
                    notifyAuthFailure();
                }
                fail(e.getMessage());
                return;
            }
            if (status == TaskStatus.SUCCESS) {
                it.remove();
            } else if (status == TaskStatus.FAILED || status == TaskStatus.DESTROY_ME) {
                fail(status == TaskStatus.DESTROY_ME ? "IKE_SA deleted" : t.type() + " failed");
                return;
            }
            if (t instanceof IkeInitTask init && init.retryRequested()) {
                // COOKIE or INVALID_KE_PAYLOAD (RFC 7296 §2.6, §1.2): the answer is not for the other tasks, they
                // build their payloads (NAT detection, ...) again into the retried request.
                restart = true;
                break;
            }
        }
        if (destroyed) {
            return;
        }
        if (!restart) {
            nextRequestId++;
        }
        initiate();
    }

    /**
     * Handles a request from the peer; answers it, or resends the cached answer to a retransmission. {@code raw}
     * is the datagram as received.
     */
    public void onRequest(final IkeMessage request, final byte[] raw) {
        long id = request.messageId();
        if (id == expectedRequestId - 1 && lastResponse != null) {
            IKE.log(System.Logger.Level.INFO, "received retransmit of request with ID " + id
                    + ", retransmitting response");
            send(lastResponse);
            return;
        }
        if (id != expectedRequestId) {
            // RFC 7296 §2.3: outside our window of one; an old request we no longer have an answer for.
            ctx.dropped("message ID out of window");
            IKE.log(System.Logger.Level.DEBUG, () -> "dropping request with message ID " + id + ", expected "
                    + expectedRequestId);
            return;
        }
        if (request.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            sa.initMessages(raw, null);
        }
        if (request.exchangeType().equals(ExchangeType.INFORMATIONAL)
                && request.notify(NotifyType.AUTHENTICATION_FAILED) != null) {
            // RFC 7296 §2.21.2: the initiator did not accept our IKE_AUTH response; the IKE_SA is dead.
            IKE.log(System.Logger.Level.INFO, "received AUTHENTICATION_FAILED notify error");
            fail("peer refused our authentication");
            return;
        }
        if (passive.isEmpty()) {
            createPassiveTasks(request);
        }
        OutboundMessage response = new OutboundMessage(sa, request.exchangeType(), id, true);
        boolean destroyAfter = false;
        boolean failed = false;
        IkeProtocolException error = null;
        for (Task t : passive) {
            try {
                TaskStatus status = t.process(request);
                if (status == TaskStatus.FAILED || status == TaskStatus.DESTROY_ME) {
                    destroyAfter = true;
                    failed |= status == TaskStatus.FAILED;
                }
            } catch (IkeProtocolException e) {
                error = e;
                break;
            }
        }
        if (error == null) {
            for (Iterator<Task> it = passive.iterator(); it.hasNext();) {
                Task t = it.next();
                try {
                    TaskStatus status = t.build(response);
                    if (status == TaskStatus.SUCCESS) {
                        it.remove();
                    } else if (status == TaskStatus.FAILED || status == TaskStatus.DESTROY_ME) {
                        destroyAfter = true;
                        failed |= status == TaskStatus.FAILED;
                    }
                } catch (IkeProtocolException e) {
                    error = e;
                    break;
                }
            }
        }
        if (error != null) {
            IKE.log(System.Logger.Level.INFO, error.getMessage());
            response.clear();
            response.addNotify(error.notifyType(), error.notifyData());
            passive.clear();
            destroyAfter = !request.exchangeType().equals(ExchangeType.CREATE_CHILD_SA)
                    && !request.exchangeType().equals(ExchangeType.INFORMATIONAL);
        }
        List<byte[]> encoded = encode(response);
        if (encoded == null) {
            return;
        }
        if (request.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            sa.initMessages(sa.initRequest(), encoded.get(0));
        }
        expectedRequestId++;
        lastResponse = encoded;
        send(encoded);
        if (destroyAfter) {
            // DESTROY_ME without failure: the peer deleted the IKE_SA, which is no failure to report.
            fail(error != null ? error.getMessage() : failed ? "exchange failed" : DELETED_BY_PEER);
        }
        initiate();
    }

    /**
     * The responder has already established the IKE_SA we refuse: tell it in a separate INFORMATIONAL, sent once
     * and not waited for (RFC 7296 §2.21.2), so it does not keep a dead IKE_SA.
     */
    private void notifyAuthFailure() {
        if (sa.outbound() == null) {
            return;
        }
        OutboundMessage info = new OutboundMessage(sa, ExchangeType.INFORMATIONAL, nextRequestId + 1, false);
        info.addNotify(NotifyType.AUTHENTICATION_FAILED, new byte[0]);
        List<byte[]> encoded = encode(info);
        if (encoded != null) {
            send(encoded);
        }
    }

    /**
     * The largest IKE message we send unfragmented: strongSwan's default fragment_size of 1280 bytes for the whole
     * IP datagram (the IPv6 minimum MTU), less the IP and UDP headers and the non-ESP marker on port 4500.
     */
    private int fragmentLimit() {
        int ip = sa.remote().getAddress() instanceof java.net.Inet6Address ? 40 : 20;
        return FRAGMENT_SIZE - ip - 8 - (sa.local().getPort() == 500 ? 0 : 4);
    }

    /**
     * RFC 7383 §2.6.1: the first fragment of a request we already answered asks for our answer again (the other
     * fragments of that retransmission are ignored); returns whether the fragment was such a retransmission.
     */
    public boolean resendForRetransmittedFragment(final long messageId, final int fragmentNumber) {
        if (messageId != expectedRequestId - 1 || lastResponse == null) {
            return false;
        }
        if (fragmentNumber == 1) {
            IKE.log(System.Logger.Level.INFO, "received retransmit of request with ID " + messageId
                    + ", retransmitting response");
            send(lastResponse);
        }
        return true;
    }

    /** Collects the fragments of the peer's requests ({@code response} false) or of its responses. */
    public Reassembler reassembler(final boolean response) {
        return response ? responseFragments : requestFragments;
    }

    private void createPassiveTasks(final IkeMessage request) {
        ExchangeType x = request.exchangeType();
        if (x.equals(ExchangeType.IKE_SA_INIT)) {
            passive.add(new IkeInitTask(sa, ctx, false));
            passive.add(new IkeNatdTask(sa, ctx, false));
            passive.add(new IkeAuthTask(sa, ctx, false));
            passive.add(new ChildCreateTask(sa, ctx, false, null));
        } else if (x.equals(ExchangeType.CREATE_CHILD_SA)) {
            if (request.notify(NotifyType.REKEY_SA) != null) {
                passive.add(new ChildRekeyTask(sa, ctx, false, null));
            } else if (isIkeRekey(request)) {
                passive.add(new IkeRekeyTask(sa, ctx, false));
            } else {
                passive.add(new ChildCreateTask(sa, ctx, false, null));
            }
        } else if (x.equals(ExchangeType.INFORMATIONAL)) {
            boolean ikeDelete = false;
            boolean childDelete = false;
            for (DeletePayload d : request.payloads(DeletePayload.class)) {
                if (d.protocolId().equals(ProtocolId.IKE)) {
                    ikeDelete = true;
                } else {
                    childDelete = true;
                }
            }
            if (ikeDelete) {
                passive.add(new IkeDeleteTask(sa, ctx, false));
            } else if (childDelete) {
                passive.add(new ChildDeleteTask(sa, ctx, false, null));
            } else {
                passive.add(new IkeDpdTask(sa, ctx, false));
            }
        }
    }

    private static boolean isIkeRekey(final IkeMessage request) {
        SaPayload saPayload = request.payloads(SaPayload.class).isEmpty() ? null
                : request.payloads(SaPayload.class).get(0);
        return saPayload != null && !saPayload.proposals().isEmpty()
                && saPayload.proposals().get(0).protocolId().equals(ProtocolId.IKE);
    }

    private void send(final List<byte[]> datagrams) {
        for (byte[] d : datagrams) {
            ctx.send(sa, d);
        }
    }

    /**
     * Encodes a message as one datagram, or, once both ends announced support in IKE_SA_INIT, as RFC 7383
     * fragments when it would not fit {@link #fragmentLimit()}: IP fragments of IKE messages are often dropped.
     */
    private List<byte[]> encode(final OutboundMessage built) {
        IkeMessage message = built.toMessage();
        try {
            ENC.log(System.Logger.Level.INFO, "generating " + message.summary());
            if (!message.encrypted() || !sa.fragmentation()) {
                return List.of(MessageCodec.encode(message, message.encrypted() ? sa.outbound() : null));
            }
            List<byte[]> out = MessageCodec.encodeFragments(message, sa.outbound(), fragmentLimit());
            if (out.size() > 1) {
                ENC.log(System.Logger.Level.INFO, "splitting IKE message into " + out.size() + " fragments");
                for (int i = 1; i <= out.size(); i++) {
                    ENC.log(System.Logger.Level.INFO, "generating " + message.exchangeType() + (message.header()
                            .response() ? " response " : " request ") + message.messageId() + " [ EF(" + i + "/"
                            + out.size() + ") ]");
                }
            }
            return out;
        } catch (RuntimeException e) {
            fail("encoding " + message.exchangeType() + " failed: " + e.getMessage());
            return null;
        }
    }

    private void cancelRetransmit() {
        if (retransmitTimer != null) {
            retransmitTimer.run();
            retransmitTimer = null;
        }
    }

    /** Destroys the IKE_SA: its exchanges are over. */
    public void fail(final String reason) {
        if (destroyed) {
            return;
        }
        destroyed = true;
        cancelRetransmit();
        queued.clear();
        active.clear();
        passive.clear();
        ctx.destroy(sa, reason);
    }

    /** Stops all timers without touching the SA (the daemon destroys it). */
    public void close() {
        destroyed = true;
        cancelRetransmit();
    }

    public boolean destroyed() {
        return destroyed;
    }
}
