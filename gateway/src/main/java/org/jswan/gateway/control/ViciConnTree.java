package org.jswan.gateway.control;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jswan.config.SettingsBuilder;
import org.jswan.config.SettingsSection;

/**
 * The swanctl.conf tree of one connection rebuilt from a VICI {@code load-conn} section, so it goes through the same
 * validator as the config directory. swanctl sends keys as they are in swanctl.conf, lists for the comma-separated
 * keys ({@code local_addrs}, {@code proposals}, {@code local_ts}, ...), which are joined back with commas, and the
 * files of {@code certs}/{@code cacerts} as blobs (its load_conns.c), which are parsed here: the tree cannot name
 * them as files, so a local round's certificate is found by identity instead ({@code id} defaults to its subject).
 */
final class ViciConnTree {
    /** Position reported for problems of VICI-loaded connections. */
    static final String ORIGIN = "vici";
    private static final int MAX_DEPTH = 8;

    private final SettingsSection root;
    private final List<X509Certificate> certs;
    private final List<X509Certificate> cacerts;

    private ViciConnTree(final SettingsSection root, final List<X509Certificate> certs,
            final List<X509Certificate> cacerts) {
        this.root = root;
        this.certs = certs;
        this.cacerts = cacerts;
    }

    /** A root holding {@code connections { name { ... } }}. */
    SettingsSection root() {
        return root;
    }

    /** End-entity certificates sent in {@code certs} of the connection's rounds. */
    List<X509Certificate> certs() {
        return certs;
    }

    /** CA certificates sent in {@code cacerts} of the connection's rounds. */
    List<X509Certificate> cacerts() {
        return cacerts;
    }

    /** Converts; throws with a message naming the key for content that is not a swanctl.conf tree. */
    static ViciConnTree of(final String name, final ViciMessage conn) throws IllegalArgumentException {
        SettingsBuilder rootBuilder = new SettingsBuilder(ORIGIN);
        List<X509Certificate> certs = new ArrayList<>();
        List<X509Certificate> cacerts = new ArrayList<>();
        copy(conn, rootBuilder.section("connections").section(name), "connections." + name, certs, cacerts, 0);
        return new ViciConnTree(rootBuilder.build(), List.copyOf(certs), List.copyOf(cacerts));
    }

    private static void copy(final ViciMessage from, final SettingsBuilder to, final String path,
            final List<X509Certificate> certs, final List<X509Certificate> cacerts, final int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + ": sections nested too deeply");
        }
        X509Certificate firstCert = null;
        for (ViciMessage.Entry e : from.entries()) {
            String key = path + "." + e.name();
            if (e instanceof ViciMessage.KeyValue kv) {
                to.value(e.name(), text(kv.value(), key));
            } else if (e instanceof ViciMessage.ListValue l && isFileList(e.name())) {
                boolean ca = e.name().equalsIgnoreCase("cacerts");
                for (byte[] blob : l.items()) {
                    X509Certificate c = certificate(blob, key);
                    (ca ? cacerts : certs).add(c);
                    if (!ca && firstCert == null) {
                        firstCert = c;
                    }
                }
            } else if (e instanceof ViciMessage.ListValue l) {
                List<String> items = new ArrayList<>();
                for (byte[] item : l.items()) {
                    items.add(text(item, key));
                }
                to.value(e.name(), String.join(",", items));
            } else if (e instanceof ViciMessage.Section s) {
                copy(s.content(), to.section(e.name()), key, certs, cacerts, depth + 1);
            }
        }
        if (firstCert != null && from.get("id") == null) {
            // swanctl.conf: "id: defaults to the subject of the first certificate".
            to.value("id", subject(firstCert));
        }
    }

    private static boolean isFileList(final String key) {
        return key.equalsIgnoreCase("certs") || key.equalsIgnoreCase("cacerts");
    }

    private static String text(final byte[] value, final String key) {
        for (byte b : value) {
            if (b == 0) {
                throw new IllegalArgumentException(key + ": value contains a NUL byte");
            }
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The subject in strongSwan's notation: RDNs in encoding order, e.g. {@code C=CH, O=strongSwan, CN=moon}. */
    private static String subject(final X509Certificate c) {
        return org.bouncycastle.asn1.x500.X500Name.getInstance(c.getSubjectX500Principal().getEncoded())
                .toString();
    }

    private static X509Certificate certificate(final byte[] blob, final String key) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(blob));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(key + ": not an X.509 certificate (" + e.getMessage() + ")");
        }
    }
}
