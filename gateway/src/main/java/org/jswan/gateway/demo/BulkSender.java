package org.jswan.gateway.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The sending end of the built-in throughput test: connects, writes until SECONDS pass or MAX_BYTES are sent, closes
 * and prints {@code SENT <bytes> <nanos>}.
 *
 * <p>Usage: {@code java -cp jswan.jar org.jswan.gateway.demo.BulkSender HOST PORT SECONDS MAX_BYTES}
 */
public final class BulkSender {
    private BulkSender() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BulkSender HOST PORT SECONDS MAX_BYTES");
            System.exit(2);
        }
        long limitNanos = (long) (Double.parseDouble(args[2]) * 1e9);
        long maxBytes = Long.parseLong(args[3]);
        byte[] buf = new byte[64 << 10];
        new java.util.Random(1).nextBytes(buf);
        try (Socket s = new Socket()) {
            s.setSendBufferSize(4 << 20);
            s.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 10_000);
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            long sent = 0;
            while (sent < maxBytes && System.nanoTime() - start < limitNanos) {
                int n = (int) Math.min(buf.length, maxBytes - sent);
                out.write(buf, 0, n);
                sent += n;
            }
            out.flush();
            s.shutdownOutput();
            s.getInputStream().read(); // the sink closes after it has read everything
            System.out.println("SENT " + sent + " " + (System.nanoTime() - start));
        }
    }
}
