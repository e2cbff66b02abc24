/**
 * The {@code jswan} command line: the root command, the client commands that talk to a running daemon over VICI
 * (exit codes 0 ok, 1 command failed, 2 usage error, 3 daemon unreachable), offline {@code check-config} and shell
 * completion.
 */
package org.jswan.gateway.cli;
