package org.jswan.nativeio.tun;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link TunDevice} for tests (wireguard-go's {@code tuntest.ChannelTUN}): what the test
 * {@link #inject}s is read by the device's user, and what the user writes can be {@link #take}n by the test.
 */
public final class ChannelTun implements TunDevice {
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> toDevice = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> fromDevice = new LinkedBlockingQueue<>();
    private final String name;
    private final int mtu;
    private final int batchSize;
    private volatile boolean closed;

    public ChannelTun(final String name, final int mtu, final int batchSize) {
        this.name = name;
        this.mtu = mtu;
        this.batchSize = batchSize;
    }

    /** Queues a packet as if the kernel had routed it into the TUN. */
    public void inject(final byte[] packet) {
        toDevice.add(packet.clone());
    }

    /** Waits for the next packet the device's user wrote, or returns null after the timeout. */
    public byte[] take(final long timeout, final TimeUnit unit) throws InterruptedException {
        return fromDevice.poll(timeout, unit);
    }

    public int pendingWrites() {
        return fromDevice.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int read(final PacketBatch batch, final int headroom) {
        int max = Math.min(batch.capacity(), batchSize);
        int n = 0;
        try {
            byte[] p = closed ? CLOSED : toDevice.take();
            while (p != null && p != CLOSED && n < max) {
                ByteBuffer slot = batch.slot(n);
                slot.clear().position(headroom);
                slot.put(p);
                batch.set(n, headroom, p.length);
                n++;
                p = n < max ? toDevice.poll() : null;
            }
            if (p == CLOSED) {
                toDevice.add(CLOSED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batch.count(n);
        return n == 0 && closed ? -1 : n;
    }

    @Override
    public int write(final PacketBatch batch) {
        for (int i = 0; i < batch.count(); i++) {
            byte[] p = new byte[batch.length(i)];
            batch.slot(i).get(batch.offset(i), p);
            fromDevice.add(p);
        }
        return batch.count();
    }

    @Override
    public void close() {
        closed = true;
        toDevice.add(CLOSED);
    }
}
