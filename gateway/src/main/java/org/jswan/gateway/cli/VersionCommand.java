package org.jswan.gateway.cli;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import org.jswan.esp.crypto.CryptoBackend;
import org.jswan.esp.crypto.EspCryptoException;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code jswan version}: the jswan version, the JDK it runs on and the crypto libraries for IKE and ESP. */
@Command(name = "version",
        description = "Print the jswan version, the JDK and the crypto providers.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  jswan version"})
public final class VersionCommand implements Runnable {

    @Override
    public void run() {
        for (String line : lines()) {
            System.out.println(line);
        }
    }

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        String version = JswanCommand.class.getPackage().getImplementationVersion();
        out.add("jswan " + (version == null ? "development build" : version));
        out.add("JDK " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        String bc = new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr();
        out.add("IKE crypto: JCA provider " + Security.getProviders("Cipher.AES/GCM/NoPadding")[0].getName()
                + " for AES-GCM, BouncyCastle " + bc + " for the rest");
        try {
            out.add(CryptoBackend.describe());
        } catch (EspCryptoException e) {
            out.add("ESP crypto: " + e.getMessage());
        }
        return out;
    }

    /** Lets {@code jswan --version} print the same lines. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines().toArray(new String[0]);
        }
    }
}
