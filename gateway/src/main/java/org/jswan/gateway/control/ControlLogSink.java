package org.jswan.gateway.control;

/**
 * Progress log of an {@code initiate} or {@code terminate} call, shown by swanctl as it happens (VICI
 * {@code control-log} events). {@code level} is strongSwan's 0-4; {@code group} a subsystem such as {@code IKE};
 * {@code ikeSaName} may be null and {@code ikeSaUniqueId} 0 when the line belongs to no IKE_SA.
 */
@FunctionalInterface
public interface ControlLogSink {
    void log(String group, int level, String ikeSaName, long ikeSaUniqueId, String message);

    ControlLogSink NONE = (group, level, name, id, message) -> { };
}
