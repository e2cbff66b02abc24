package org.jswan.gateway.control;

/**
 * Builds the server-issued events the daemon raises on its own (README "Server-issued events") and publishes them
 * through a {@link ViciServer}, so the daemon needs no VICI key names. Each call is cheap when nobody listens.
 */
public final class ViciEvents {
    private final ViciServer server;

    public ViciEvents(final ViciServer server) {
        this.server = server;
    }

    /** {@code ike-updown}: an IKE_SA was established ({@code up}) or is going away. */
    public void ikeUpdown(final IkeSaView sa, final boolean up) {
        if (server.hasListeners("ike-updown")) {
            server.publish("ike-updown", updown(sa, up, false));
        }
    }

    /** {@code child-updown}: {@code sa} must carry only the affected CHILD_SA. */
    public void childUpdown(final IkeSaView sa, final boolean up) {
        if (server.hasListeners("child-updown")) {
            server.publish("child-updown", updown(sa, up, true));
        }
    }

    /** {@code ike-rekey}: the IKE_SA {@code old} was replaced by {@code fresh} (same config name). */
    public void ikeRekey(final IkeSaView old, final IkeSaView fresh) {
        if (server.hasListeners("ike-rekey")) {
            server.publish("ike-rekey", ViciMessage.builder().beginSection(old.name())
                    .add("old", ViciCommands.ikeSa(old, false))
                    .add("new", ViciCommands.ikeSa(fresh, false))
                    .endSection().build());
        }
    }

    /** {@code log}: one daemon log line (level 0-4 as strongSwan, group e.g. {@code IKE}). */
    public void log(final String group, final int level, final long thread, final String ikeSaName,
            final long ikeSaUniqueId, final String message) {
        if (server.hasListeners("log")) {
            server.publish("log", logMessage(group, level, thread, ikeSaName, ikeSaUniqueId, message));
        }
    }

    static ViciMessage updown(final IkeSaView sa, final boolean up, final boolean withChildren) {
        ViciMessage.Builder b = ViciMessage.builder();
        if (up) {
            b.add("up", true);
        }
        return b.add(sa.name(), ViciCommands.ikeSa(sa, withChildren)).build();
    }

    static ViciMessage logMessage(final String group, final int level, final long thread, final String ikeSaName,
            final long ikeSaUniqueId, final String message) {
        ViciMessage.Builder b = ViciMessage.builder().add("group", group).add("level", level).add("thread", thread);
        if (ikeSaName != null) {
            b.add("ikesa-name", ikeSaName).add("ikesa-uniqueid", ikeSaUniqueId);
        }
        return b.add("msg", message).build();
    }
}
