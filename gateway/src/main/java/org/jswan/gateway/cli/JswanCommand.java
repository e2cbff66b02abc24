package org.jswan.gateway.cli;

import picocli.CommandLine.Command;

/** The root {@code jswan} command; every subcommand is listed here. */
@Command(name = "jswan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Userspace IPsec/IKEv2 VPN gateway.",
        subcommands = {DaemonCommand.class, VersionCommand.class, StaticCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  jswan daemon --config-dir /etc/jswan", "  jswan version", "  jswan help daemon"})
public final class JswanCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
