/**
 * The IKE daemon: one control thread that owns every IKE_SA and CHILD_SA, receives datagrams, runs timers and
 * answers control commands. Sockets and the data plane are reached only through ports ({@link
 * org.jswan.ike.daemon.IkeSender}, {@link org.jswan.ike.spi.IpsecBackend}).
 */
package org.jswan.ike.daemon;
