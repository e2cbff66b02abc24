package org.jswan.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionCommandTest {

    @Test
    void namesJdkAndCryptoProviders() {
        List<String> lines = VersionCommand.lines();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("jswan "), lines.get(0));
        assertTrue(lines.get(1).contains(System.getProperty("java.runtime.version")), lines.get(1));
        assertTrue(lines.get(2).contains("BouncyCastle 1.87"), lines.get(2));
        // scripts/test.sh installs libssl3, and libipsec-mb1 on x86-64: the data plane says which runs what.
        String gcm = System.getProperty("os.arch").equals("amd64") ? "ipsec-mb 1." : "GnuTLS 3.";
        assertTrue(lines.get(3).startsWith("ESP crypto: AES-GCM on " + gcm), lines.get(3));
        assertTrue(lines.get(3).contains("AES-CBC/HMAC on OpenSSL 3."), lines.get(3));
    }

    @Test
    void rootHelpListsCommandsWithExamples() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new JswanCommand()).setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("version"), out.toString());
        assertTrue(out.toString().contains("Examples:"), out.toString());
    }
}
