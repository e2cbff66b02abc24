/**
 * Layer-3 tunnel devices read and written in batches: the {@link org.jswan.nativeio.tun.TunDevice} contract, the
 * {@link org.jswan.nativeio.tun.PacketBatch} of direct-memory slots it fills, and the Linux implementation
 * {@link org.jswan.nativeio.tun.LinuxTunDevice} over {@code /dev/net/tun}. Interface addresses and routes are not set
 * here but in {@code org.jswan.nativeio.net}.
 */
package org.jswan.nativeio.tun;
