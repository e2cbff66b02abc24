package org.jswan.gateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The receiving end of the built-in throughput test (used when iperf3 is not installed): accepts one TCP
 * connection, counts bytes until EOF and prints {@code RECEIVED <bytes> <nanos>} (first byte to EOF).
 *
 * <p>Usage: {@code java -cp jswan.jar org.jswan.gateway.demo.BulkSink BIND_ADDRESS PORT}
 */
public final class BulkSink {
    static final String READY = "BULKSINK READY";
    static final String RECEIVED = "RECEIVED";

    private BulkSink() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BulkSink BIND_ADDRESS PORT");
            System.exit(2);
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
            server.setSoTimeout(60_000); // never outlive a demo that went away
            System.out.println(READY);
            System.out.flush();
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                s.setReceiveBufferSize(4 << 20);
                byte[] buf = new byte[256 << 10];
                long total = 0;
                long start = 0;
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (start == 0) {
                        start = System.nanoTime();
                    }
                    total += n;
                }
                long nanos = start == 0 ? 0 : System.nanoTime() - start;
                System.out.println(RECEIVED + " " + total + " " + nanos);
                System.out.flush();
            }
        }
    }
}
