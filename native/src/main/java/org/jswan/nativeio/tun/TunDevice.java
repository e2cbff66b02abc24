package org.jswan.nativeio.tun;

import java.io.IOException;

/**
 * A layer-3 tunnel device that reads and writes whole IP packets in batches (wireguard-go's {@code tun.Device}).
 * The batch size does not change over the life of a device.
 */
public interface TunDevice extends AutoCloseable {

    /** Interface name, e.g. {@code jswan0}. */
    String name();

    int mtu();

    /** The most packets one {@link #read} returns. */
    int batchSize();

    /**
     * Blocks until at least one packet is available (or the device is closed), then reads as many as are ready, up
     * to {@code min(batch.capacity(), batchSize())}. Packet {@code i} lands at {@code headroom} in slot {@code i};
     * the batch's count and each slot's offset and length are set.
     *
     * @return the number of packets read; -1 once the device is closed
     */
    int read(PacketBatch batch, int headroom) throws IOException;

    /**
     * Writes the first {@code batch.count()} packets.
     *
     * @return the number of packets written
     */
    int write(PacketBatch batch) throws IOException;

    @Override
    void close();
}
