package org.jswan.gateway.backend;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.jswan.gateway.net.DatagramReceiver;
import org.jswan.gateway.net.Port4500Demux;
import org.jswan.nativeio.posix.NativeException;
import org.jswan.nativeio.udp.UdpBatchReceiver;

/**
 * Reads the NAT-T socket (UDP 4500) on its own thread with recvmmsg, in place of Netty's event loop: each message,
 * a UDP GRO run or a single datagram, is cut by its segment size, and each datagram is sorted as RFC 3948 §2 says
 * ({@link Port4500Demux#kind}, as on the Netty path): ESP is copied into the {@link EspReceiver}'s batch (nothing
 * allocated per packet), IKE behind the non-ESP marker goes to the IKE daemon, NAT keepalives and runts are counted
 * and dropped. Each recvmmsg ends a batch. Counters are written by this thread only and read after it stopped.
 */
public final class NatTReceiveLoop implements Runnable {
    private static final System.Logger NET = System.getLogger("NET");

    private final UdpBatchReceiver rx;
    private final EspReceiver esp;
    private final DatagramReceiver ike;
    private final InetSocketAddress local;
    private long espDatagrams;
    private long ikeMessages;
    private long keepalives;
    private long runts;

    /**
     * @param local the socket's local address, given to the IKE daemon with each message (as Netty's recipient)
     */
    public NatTReceiveLoop(final UdpBatchReceiver rx, final EspReceiver esp, final DatagramReceiver ike,
            final InetSocketAddress local) {
        this.rx = rx;
        this.esp = esp;
        this.ike = ike;
        this.local = local;
    }

    @Override
    public void run() {
        try {
            while (rx.await()) {
                int n;
                while ((n = rx.receive()) > 0) {
                    for (int m = 0; m < n; m++) {
                        dispatch(m);
                    }
                    esp.flush();
                }
            }
        } catch (NativeException e) {
            NET.log(System.Logger.Level.ERROR, "receiving on the NAT-T socket failed: " + e.getMessage()
                    + "; no more IKE or ESP arrives on port 4500 (restart jswan)");
        } catch (RuntimeException e) {
            NET.log(System.Logger.Level.ERROR, "NAT-T receive loop stopped", e);
        }
    }

    private void dispatch(final int m) {
        int len = rx.length(m);
        if (len <= 0) {
            runts++; // empty, or truncated
            return;
        }
        ByteBuffer data = rx.data(m);
        int segment = rx.segmentSize(m);
        for (int off = 0; off < len; off += segment) {
            int l = Math.min(segment, len - off);
            int marker = Port4500Demux.nonEspMarkerLength();
            switch (Port4500Demux.kind(l, data.get(off) & 0xff, l > marker ? data.getInt(off) : -1)) {
                case KEEPALIVE:
                    keepalives++;
                    break;
                case RUNT:
                    runts++;
                    break;
                case IKE:
                    ikeMessages++;
                    byte[] message = new byte[l - marker];
                    data.get(off + marker, message);
                    ike.onIke(Unpooled.wrappedBuffer(message), local, rx.source(m));
                    break;
                default:
                    espDatagrams++;
                    esp.stage(data, off, l);
            }
        }
    }

    /** For the daemon's shutdown line; read after the thread stopped. */
    public String counters() {
        return rx.messages() + " recvmmsg messages: " + espDatagrams + " ESP datagrams, " + ikeMessages + " IKE, "
                + keepalives + " NAT keepalives, " + runts + " runts";
    }
}
