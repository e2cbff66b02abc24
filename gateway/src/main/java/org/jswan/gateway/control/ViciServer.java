package org.jswan.gateway.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The VICI service on a Unix domain socket (charon's {@code unix:///var/run/charon.vici}; jswan's default
 * {@value #DEFAULT_PATH}). One accept thread plus, per client, a reader thread that handles that client's commands
 * in order and a writer thread that drains its outbound queue, so {@link #publish} never blocks on a slow client.
 *
 * <p>A client sending malformed input is logged and disconnected; the daemon and other clients are unaffected.
 */
public final class ViciServer implements AutoCloseable {
    public static final String DEFAULT_PATH = "/run/jswan/jswan.vici";
    /** Clients beyond this are refused: each one costs two threads. */
    public static final int MAX_CLIENTS = 64;

    private static final System.Logger CFG = System.getLogger("CFG");

    private final Path path;
    private final ViciCommandHandler handler;
    private final Set<String> events;
    private final ServerSocketChannel server;
    private final List<ViciConnection> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private ViciServer(final Path path, final ViciCommandHandler handler, final ServerSocketChannel server) {
        this.path = path;
        this.handler = handler;
        this.events = Set.copyOf(handler.events());
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "vici-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds {@code socketPath} and starts serving: creates the parent directory (mode 0700 if it creates it),
     * removes a stale socket file, and restricts the socket to its owner (0600).
     *
     * @throws IOException if the path is in use by a live VICI server, is not a socket, or cannot be bound
     */
    public static ViciServer start(final Path socketPath, final ViciCommandHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Path path = socketPath.toAbsolutePath();
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            trySetMode(parent, "rwx------");
        }
        removeStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            trySetMode(path, "rw-------");
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot bind VICI socket " + path + ": " + e.getMessage(), e);
        }
        ViciServer s = new ViciServer(path, handler, server);
        s.acceptor.start();
        CFG.log(System.Logger.Level.INFO, "vici listening on unix://" + path);
        return s;
    }

    public Path path() {
        return path;
    }

    /** Number of connected clients. */
    public int clientCount() {
        return clients.size();
    }

    /**
     * Raises {@code event} to every client registered for it (e.g. {@code log}, {@code ike-updown}). Safe from any
     * thread; never blocks: a client whose queue is full is disconnected.
     */
    public void publish(final String event, final ViciMessage message) {
        if (closed) {
            return;
        }
        byte[] segment = null;
        for (ViciConnection c : clients) {
            if (c.isRegistered(event)) {
                if (segment == null) {
                    try {
                        segment = ViciCodec.encodeSegment(ViciPacket.event(event, message));
                    } catch (IllegalArgumentException e) {
                        CFG.log(System.Logger.Level.WARNING, "dropping vici " + event + " event: " + e.getMessage());
                        return;
                    }
                }
                c.offer(segment);
            }
        }
    }

    /** Whether any client is registered for {@code event}, so producers can skip building unwanted events. */
    public boolean hasListeners(final String event) {
        for (ViciConnection c : clients) {
            if (c.isRegistered(event)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            CFG.log(System.Logger.Level.DEBUG, "closing vici socket: " + e.getMessage());
        }
        for (ViciConnection c : clients) {
            c.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            CFG.log(System.Logger.Level.WARNING, "cannot remove vici socket " + path + ": " + e.getMessage());
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    CFG.log(System.Logger.Level.WARNING, "vici accept failed: " + e.getMessage());
                }
                return;
            }
            if (clients.size() >= MAX_CLIENTS) {
                CFG.log(System.Logger.Level.WARNING, "vici: refusing client, " + MAX_CLIENTS + " connected");
                closeQuietly(ch);
                continue;
            }
            ViciConnection c = new ViciConnection(ids.incrementAndGet(), ch, handler, events, clients::remove);
            clients.add(c);
            c.start();
        }
    }

    private static void removeStale(final Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                || Files.isSymbolicLink(path)) {
            throw new IOException(path + " exists and is not a socket; refusing to replace it");
        }
        boolean live;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            live = true;
        } catch (IOException refused) {
            live = false;
        }
        if (live) {
            throw new IOException("another daemon is already listening on " + path);
        }
        Files.deleteIfExists(path);
        CFG.log(System.Logger.Level.INFO, "removed stale vici socket " + path);
    }

    private static void trySetMode(final Path p, final String mode) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IOException e) {
            CFG.log(System.Logger.Level.WARNING, "cannot set mode " + mode + " on " + p + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(final SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
