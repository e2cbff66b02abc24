package org.jswan.gateway.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A VICI client for jswan's CLI (and tests): one command at a time over a Unix socket, every wait bounded by the
 * timeout given at connect (per packet, so long streams keep going while data flows). Not thread-safe.
 */
public final class ViciClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Path path;
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration timeout;

    private ViciClient(final Path path, final SocketChannel channel, final Selector selector,
            final Duration timeout) {
        this.path = path;
        this.channel = channel;
        this.selector = selector;
        this.timeout = timeout;
    }

    public static ViciClient connect(final Path socket) throws IOException {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to the daemon's VICI socket.
     *
     * @throws IOException with a message saying what to do, e.g. that the daemon is not running
     */
    public static ViciClient connect(final Path socket, final Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            Selector sel = Selector.open();
            return new ViciClient(socket, ch, sel, timeout);
        } catch (IOException e) {
            ch.close();
            throw new IOException(connectError(socket, e), e);
        }
    }

    static String connectError(final Path socket, final IOException e) {
        String prefix = "cannot connect to " + socket + ": ";
        String hint = " — is `jswan daemon` running? use --vici-socket PATH";
        if (!Files.exists(socket)) {
            return prefix + "no such file" + hint;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("permission") || m.contains("access")) {
            return prefix + "permission denied — run as root or as the daemon's user";
        }
        if (m.contains("refused")) {
            return prefix + "connection refused (stale socket?)" + hint;
        }
        return prefix + e.getMessage() + hint;
    }

    public Path path() {
        return path;
    }

    /**
     * Runs {@code command} and returns its response. Events arriving meanwhile (from earlier registrations) are
     * dropped.
     *
     * @throws ViciProtocolException if the daemon does not know the command or answers out of protocol
     * @throws IOException on timeout or a lost connection
     */
    public ViciMessage request(final String command, final ViciMessage message) throws IOException {
        return exchange(command, message, null, null);
    }

    /**
     * Registers for {@code event}, runs {@code command} passing each streamed {@code event} message to
     * {@code onEvent}, unregisters, and returns the final response (README "Client-initiated commands").
     */
    public ViciMessage registerAndStream(final String event, final String command, final ViciMessage message,
            final Consumer<ViciMessage> onEvent) throws IOException {
        register(event);
        ViciMessage response;
        try {
            response = exchange(command, message, event, onEvent);
        } catch (ViciProtocolException e) {
            // e.g. an unknown command: the connection is still in step, so leave it clean.
            try {
                unregister(event);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        unregister(event);
        return response;
    }

    /** EVENT_REGISTER; fails if the daemon does not have this event. */
    public void register(final String event) throws IOException {
        registration(ViciPacketType.EVENT_REGISTER, event);
    }

    public void unregister(final String event) throws IOException {
        registration(ViciPacketType.EVENT_UNREGISTER, event);
    }

    /**
     * Waits up to {@code wait} for the next event (for {@code log} streaming after {@link #register}); null on
     * timeout.
     */
    public ViciPacket nextEvent(final Duration wait) throws IOException {
        byte[] segment = readSegment(wait, true);
        if (segment == null) {
            return null;
        }
        ViciPacket p = ViciCodec.decodePacket(segment);
        if (!p.type().equals(ViciPacketType.EVENT)) {
            throw new ViciProtocolException("expected an EVENT, daemon sent " + p.type());
        }
        return p;
    }

    private void registration(final ViciPacketType type, final String event) throws IOException {
        send(ViciPacket.of(type, event));
        while (true) {
            ViciPacket p = receive();
            if (p.type().equals(ViciPacketType.EVENT)) {
                continue;
            }
            if (p.type().equals(ViciPacketType.EVENT_CONFIRM)) {
                return;
            }
            if (p.type().equals(ViciPacketType.EVENT_UNKNOWN)) {
                throw new ViciProtocolException("daemon does not know event '" + event + "'");
            }
            throw new ViciProtocolException("unexpected " + p.type() + " answering " + type + " " + event);
        }
    }

    private ViciMessage exchange(final String command, final ViciMessage message, final String event,
            final Consumer<ViciMessage> onEvent) throws IOException {
        send(ViciPacket.request(command, message));
        while (true) {
            ViciPacket p = receive();
            if (p.type().equals(ViciPacketType.EVENT)) {
                if (onEvent != null && p.name().equals(event)) {
                    onEvent.accept(p.message());
                }
                continue;
            }
            if (p.type().equals(ViciPacketType.CMD_RESPONSE)) {
                return p.message();
            }
            if (p.type().equals(ViciPacketType.CMD_UNKNOWN)) {
                throw new ViciProtocolException("daemon does not know command '" + command + "'");
            }
            throw new ViciProtocolException("unexpected " + p.type() + " answering command '" + command + "'");
        }
    }

    private void send(final ViciPacket packet) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(ViciCodec.encodeSegment(packet));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) {
                awaitOrTimeout(SelectionKey.OP_WRITE, deadline, "sending to");
            }
        }
    }

    private ViciPacket receive() throws IOException {
        return ViciCodec.decodePacket(readSegment(timeout, false));
    }

    private byte[] readSegment(final Duration wait, final boolean nullOnTimeout) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        ByteBuffer header = ByteBuffer.allocate(4);
        if (!fill(header, deadline, nullOnTimeout)) {
            return null;
        }
        long length = header.getInt(0) & 0xFFFFFFFFL;
        if (length == 0 || length > ViciCodec.MAX_SEGMENT) {
            throw new ViciProtocolException("daemon sent a VICI segment of " + length + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate((int) length);
        fill(body, System.nanoTime() + timeout.toNanos(), false);
        return body.array();
    }

    /** Reads until {@code buf} is full; false if nothing at all arrived before the deadline and that is allowed. */
    private boolean fill(final ByteBuffer buf, final long deadline, final boolean emptyTimeoutOk) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) {
                throw new IOException("daemon closed the VICI connection " + path);
            }
            if (n == 0) {
                if (emptyTimeoutOk && buf.position() == 0 && deadline - System.nanoTime() <= 0) {
                    return false;
                }
                awaitOrTimeout(SelectionKey.OP_READ, deadline, "waiting for");
            }
        }
        return true;
    }

    /** Waits for readiness until the deadline; throws once the deadline has passed. */
    private void awaitOrTimeout(final int op, final long deadline, final String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("timed out after " + timeout.toMillis() + " ms " + what + " the daemon at "
                    + path);
        }
        SelectionKey key = channel.register(selector, op);
        try {
            selector.select(Math.max(1, left / 1_000_000));
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
