package org.jswan.gateway.control;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One VICI client of a {@link ViciServer}: a reader thread that decodes packets and runs commands one at a time
 * (README: "only one command can be active at a time on a single connection"), and a writer thread draining a
 * bounded queue of encoded segments.
 */
final class ViciConnection implements ViciEventSink {
    /** Outbound segments queued before a broadcast drops the client as too slow. */
    static final int QUEUE_CAPACITY = 4096;
    /** Bytes of broadcast events a client may have queued before it is dropped as too slow. */
    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;
    /** How long a command's own response or streamed event may wait for queue space. */
    static final long PUT_TIMEOUT_SECONDS = 30;

    private static final System.Logger CFG = System.getLogger("CFG");
    private static final byte[] POISON = new byte[0];

    private final long id;
    private final SocketChannel channel;
    private final ViciCommandHandler handler;
    private final Set<String> knownEvents;
    private final Consumer<ViciConnection> onClose;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<byte[]> outbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread reader;
    private final Thread writer;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    ViciConnection(final long id, final SocketChannel channel, final ViciCommandHandler handler,
            final Set<String> knownEvents, final Consumer<ViciConnection> onClose) {
        this.id = id;
        this.channel = channel;
        this.handler = handler;
        this.knownEvents = knownEvents;
        this.onClose = onClose;
        this.reader = new Thread(this::readLoop, "vici-client-" + id);
        this.writer = new Thread(this::writeLoop, "vici-client-" + id + "-out");
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
        reader.start();
    }

    @Override
    public boolean isRegistered(final String event) {
        return registered.contains(event);
    }

    @Override
    public void emit(final String event, final ViciMessage message) {
        if (isRegistered(event)) {
            put(ViciCodec.encodeSegment(ViciPacket.event(event, message)));
        }
    }

    /** Non-blocking enqueue for broadcasts; a client that cannot keep up is disconnected. */
    void offer(final byte[] segment) {
        if (closed) {
            return;
        }
        if (queuedBytes.get() + segment.length > MAX_QUEUED_BYTES || !outbound.offer(segment)) {
            CFG.log(System.Logger.Level.WARNING, "vici client " + id + " does not read its events, disconnecting");
            close();
            return;
        }
        queuedBytes.addAndGet(segment.length);
    }

    private void put(final byte[] segment) {
        try {
            if (closed) {
                return;
            }
            if (outbound.offer(segment, PUT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                queuedBytes.addAndGet(segment.length);
            } else {
                CFG.log(System.Logger.Level.WARNING, "vici client " + id + " stalled, disconnecting");
                close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private void readLoop() {
        try (InputStream in = SocketStreams.in(channel)) {
            while (!closed) {
                byte[] segment = ViciCodec.readSegment(in, ViciCodec.MAX_SEGMENT);
                if (segment == null) {
                    break;
                }
                dispatch(ViciCodec.decodePacket(segment));
            }
        } catch (ViciProtocolException e) {
            CFG.log(System.Logger.Level.WARNING, "vici client " + id + " sent malformed data, disconnecting: "
                    + e.getMessage());
        } catch (EOFException e) {
            CFG.log(System.Logger.Level.DEBUG, "vici client " + id + ": " + e.getMessage());
        } catch (IOException e) {
            if (!closed) {
                CFG.log(System.Logger.Level.DEBUG, "vici client " + id + " read failed: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            // A bug of ours must cost this client only, never the daemon.
            CFG.log(System.Logger.Level.ERROR, "vici client " + id + ": internal error, disconnecting", e);
        } finally {
            finish();
        }
    }

    private void dispatch(final ViciPacket p) throws ViciProtocolException {
        ViciPacketType t = p.type();
        if (t.equals(ViciPacketType.CMD_REQUEST)) {
            byte[] response;
            try {
                response = ViciCodec.encodeSegment(runCommand(p.name(), p.message()));
            } catch (IllegalArgumentException e) {
                CFG.log(System.Logger.Level.WARNING, "vici command '" + p.name() + "': " + e.getMessage());
                response = ViciCodec.encodeSegment(ViciPacket.response(ViciMessage.builder().add("success", false)
                        .add("errmsg", p.name() + " response too large for VICI").build()));
            }
            put(response);
        } else if (t.equals(ViciPacketType.EVENT_REGISTER) || t.equals(ViciPacketType.EVENT_UNREGISTER)) {
            boolean known = knownEvents.contains(p.name());
            if (known && t.equals(ViciPacketType.EVENT_REGISTER)) {
                registered.add(p.name());
            } else if (known) {
                registered.remove(p.name());
            }
            put(ViciCodec.encodeSegment(ViciPacket.of(
                    known ? ViciPacketType.EVENT_CONFIRM : ViciPacketType.EVENT_UNKNOWN, null)));
        } else {
            throw new ViciProtocolException("client sent a " + t + " packet, which only servers send");
        }
    }

    private ViciPacket runCommand(final String command, final ViciMessage request) {
        if (!handler.commands().contains(command)) {
            CFG.log(System.Logger.Level.DEBUG, "vici client " + id + ": unknown command '" + command + "'");
            return ViciPacket.of(ViciPacketType.CMD_UNKNOWN, null);
        }
        try {
            ViciMessage response = handler.handle(command, request, this);
            return ViciPacket.response(response == null ? ViciMessage.EMPTY : response);
        } catch (Exception e) {
            CFG.log(System.Logger.Level.WARNING, "vici command '" + command + "' failed", e);
            return ViciPacket.response(ViciMessage.builder().add("success", false)
                    .add("errmsg", command + " failed: " + e).build());
        }
    }

    private void writeLoop() {
        try (OutputStream out = SocketStreams.out(channel)) {
            while (true) {
                byte[] segment = outbound.take();
                if (segment == POISON) {
                    return;
                }
                out.write(segment);
                queuedBytes.addAndGet(-segment.length);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                CFG.log(System.Logger.Level.DEBUG, "vici client " + id + " write failed: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    /** Reader finished: let queued responses drain, then close. */
    private void finish() {
        if (!outbound.offer(POISON)) {
            close();
        }
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        registered.clear();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        outbound.clear();
        outbound.offer(POISON);
        onClose.accept(this);
    }
}
