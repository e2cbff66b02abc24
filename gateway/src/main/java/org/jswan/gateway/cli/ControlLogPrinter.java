package org.jswan.gateway.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.jswan.gateway.control.ViciMessage;

/** Prints {@code control-log} and {@code log} events as swanctl does: {@code [IKE] message}. */
final class ControlLogPrinter implements Consumer<ViciMessage> {
    private final PrintWriter out;

    ControlLogPrinter(final PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(final ViciMessage m) {
        out.println("[" + m.get("group", "   ") + "] " + m.get("msg", ""));
        out.flush();
    }
}
