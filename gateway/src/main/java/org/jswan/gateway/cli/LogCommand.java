package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciPacket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jswan log}: follows the daemon's log ({@code log} events) until interrupted. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Print the daemon's log as it happens, until Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {"  jswan log", "  jswan log --level 2"})
public final class LogCommand extends ViciCommandBase {

    @Option(names = "--level", paramLabel = "N", defaultValue = "4",
            description = "Show only lines up to this level, 0-4 (default: ${DEFAULT-VALUE}).")
    int level;

    @Option(names = "--exit-when-idle", paramLabel = "MS", defaultValue = "-1", hidden = true,
            description = "Stop after MS milliseconds without a log line (for scripts and tests).")
    long idleMillis;

    @Override
    int run(final ViciClient vici, final PrintWriter out) throws IOException {
        vici.register("log");
        ControlLogPrinter printer = new ControlLogPrinter(out);
        while (!Thread.currentThread().isInterrupted()) {
            ViciPacket p = vici.nextEvent(Duration.ofMillis(idleMillis < 0 ? 1000 : idleMillis));
            if (p == null) {
                if (idleMillis >= 0) {
                    break;
                }
                continue;
            }
            String l = p.message().get("level");
            if (l == null || !l.matches("-?\\d+") || Integer.parseInt(l) <= level) {
                printer.accept(p.message());
            }
        }
        return ExitCodes.OK;
    }
}
