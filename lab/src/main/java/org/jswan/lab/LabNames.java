package org.jswan.lab;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Naming of everything the lab creates: namespaces are {@code jl<runId>-<label>} with a 6-character random run
 * id, so labs in concurrent JVMs never collide and the sweeper can recognise its own leftovers.
 */
final class LabNames {

    static final String PREFIX = "jl";
    static final int RUN_ID_LENGTH = 6;
    /** Linux IFNAMSIZ is 16 including the terminating NUL. */
    static final int MAX_INTERFACE_NAME = 15;

    private static final Pattern NAMESPACE = Pattern.compile("^" + PREFIX + "([0-9a-z]{" + RUN_ID_LENGTH + "})-.*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]{1,20}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private LabNames() {
    }

    static String newRunId() {
        StringBuilder sb = new StringBuilder(RUN_ID_LENGTH);
        for (int i = 0; i < RUN_ID_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String namespace(String runId, String label) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("namespace label must match " + LABEL + ": " + label);
        }
        return PREFIX + runId + "-" + label;
    }

    /** The run id encoded in a lab namespace name, or null if the name is not one of ours. */
    static String runIdOf(String namespaceName) {
        Matcher m = NAMESPACE.matcher(namespaceName);
        return m.matches() ? m.group(1) : null;
    }

    static void checkInterfaceName(String name) {
        if (name.isEmpty() || name.length() > MAX_INTERFACE_NAME || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad interface name (1-15 chars [A-Za-z0-9_.-]): " + name);
        }
    }
}
