package org.jswan.config;

import java.util.List;

/** A certification authority ({@code authorities.<name>}): its certificate file and revocation URIs. */
public record AuthorityConfig(String name, String cacert, List<String> crlUris, List<String> ocspUris,
                              String certUriBase, SourcePosition position) {

    public AuthorityConfig {
        crlUris = List.copyOf(crlUris);
        ocspUris = List.copyOf(ocspUris);
    }
}
