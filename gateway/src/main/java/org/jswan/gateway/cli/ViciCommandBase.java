package org.jswan.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jswan.gateway.control.ViciClient;
import org.jswan.gateway.control.ViciMessage;
import org.jswan.gateway.control.ViciProtocolException;
import org.jswan.gateway.control.ViciServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the running daemon over VICI. Connecting fails with exit code 3 and a hint; a
 * {@code success = no} answer gives exit code 1 with the daemon's {@code errmsg} on stderr.
 */
abstract class ViciCommandBase implements Callable<Integer> {

    @Option(names = "--vici-socket", paramLabel = "PATH", defaultValue = ViciServer.DEFAULT_PATH,
            description = "The daemon's VICI socket (default: ${DEFAULT-VALUE}).")
    Path viciSocket;

    @Spec
    CommandSpec spec;

    /** Runs the command on a connected client; returns the exit code. */
    abstract int run(ViciClient vici, PrintWriter out) throws IOException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ViciClient vici;
        try {
            vici = connect();
        } catch (IOException e) {
            err.println("jswan: " + e.getMessage());
            err.flush();
            return ExitCodes.UNREACHABLE;
        }
        try (vici) {
            int rc = run(vici, out);
            out.flush();
            return rc;
        } catch (ViciProtocolException e) {
            err.println("jswan: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("jswan: lost the connection to the daemon at " + viciSocket + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        } finally {
            err.flush();
        }
    }

    ViciClient connect() throws IOException {
        return ViciClient.connect(viciSocket);
    }

    /** Exit code for a command response; prints {@code errmsg} when it failed. */
    int result(final ViciMessage response, final String what) {
        if ("yes".equals(response.get("success"))) {
            return ExitCodes.OK;
        }
        spec.commandLine().getErr().println("jswan: " + what + " failed: " + response.get("errmsg", "no reason given"));
        return ExitCodes.FAILED;
    }
}
