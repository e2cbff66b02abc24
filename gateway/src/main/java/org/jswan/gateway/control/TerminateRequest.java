package org.jswan.gateway.control;

/**
 * {@code terminate} arguments: by config name ({@code child}, {@code ike}, null if unset) or by unique id
 * ({@code childId}, {@code ikeId}, 0 if unset). {@code force} deletes without waiting for the peer.
 */
public record TerminateRequest(String child, String ike, long childId, long ikeId, boolean force,
        long timeoutMillis, int logLevel) {
}
