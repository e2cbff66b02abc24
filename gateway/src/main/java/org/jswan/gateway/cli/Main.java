package org.jswan.gateway.cli;

import picocli.CommandLine;

/** Entry point of the {@code jswan} command line. */
public final class Main {
    private Main() {
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new JswanCommand()).execute(args));
    }
}
