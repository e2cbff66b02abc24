package org.jswan.gateway.control;

import java.util.Set;

/** What a {@link ViciServer} serves: named commands and the event names clients may register for. */
public interface ViciCommandHandler {
    /** Commands answered by {@link #handle}; others get CMD_UNKNOWN. */
    Set<String> commands();

    /** Event names confirmed on EVENT_REGISTER; others get EVENT_UNKNOWN. */
    Set<String> events();

    /**
     * Handles one command on the client's own thread. Streamed events go to {@code requester} before the returned
     * response. An exception is logged and answered with {@code success = no}.
     */
    ViciMessage handle(String command, ViciMessage request, ViciEventSink requester) throws Exception;
}
