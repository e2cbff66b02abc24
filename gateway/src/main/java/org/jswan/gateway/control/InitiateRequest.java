package org.jswan.gateway.control;

/**
 * {@code initiate} arguments. {@code ike} may be null. {@code timeoutMillis}: 0 waits indefinitely, -1 returns at
 * once (README "initiate()"). {@code logLevel} is the highest level forwarded to the log sink.
 */
public record InitiateRequest(String child, String ike, long timeoutMillis, int logLevel) {
}
