package org.jswan.gateway.cli;

import picocli.CommandLine.Command;

/** The root {@code jswan} command; every subcommand is listed here. */
@Command(name = "jswan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Userspace IPsec/IKEv2 VPN gateway.",
        subcommands = {DaemonCommand.class, DemoCommand.class, StaticCommand.class, VersionCommand.class,
                ListSasCommand.class, ListConnsCommand.class, InitiateCommand.class, TerminateCommand.class,
                RekeyCommand.class, StatsCommand.class, LogCommand.class, LoadAllCommand.class,
                CheckConfigCommand.class, CompletionCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  jswan demo", "  jswan daemon --config-dir /etc/jswan", "  jswan list-sas",
            "  jswan check-config /etc/jswan", "  jswan daemon --help"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:command failed", "2:usage error", "3:cannot reach the daemon"})
public final class JswanCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
