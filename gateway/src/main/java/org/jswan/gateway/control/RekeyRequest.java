package org.jswan.gateway.control;

/** {@code rekey} arguments, selected like {@link TerminateRequest}; {@code reauth} reauthenticates an IKE_SA. */
public record RekeyRequest(String child, String ike, long childId, long ikeId, boolean reauth) {
}
