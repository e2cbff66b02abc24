package org.jswan.gateway.control;

/**
 * Streams events to the one client whose command is being handled (README "Client-initiated commands": response
 * streaming, e.g. {@code list-sa} during {@code list-sas}, {@code control-log} during {@code initiate}).
 */
public interface ViciEventSink {
    /** Whether the client has registered for {@code event}; handlers may skip building events nobody wants. */
    boolean isRegistered(String event);

    /** Sends the event if the client registered for it, else drops it. */
    void emit(String event, ViciMessage message);

    /** A sink that drops everything. */
    ViciEventSink NONE = new ViciEventSink() {
        @Override
        public boolean isRegistered(final String event) {
            return false;
        }

        @Override
        public void emit(final String event, final ViciMessage message) {
        }
    };
}
