package org.jswan.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys swanctl.conf(5) defines in each kind of section, whether jswan's daemon acts on them ("+" only when it
 * does: a key that is parsed but not acted on is unsupported, so admins get a warning), and strongSwan's default
 * (an unsupported key set to its default is not worth a warning). This is the one table to edit when jswan learns
 * a new key.
 */
final class SwanctlSchema {

    /** A known key. {@code strongSwanDefault} is null when the default is computed or empty. */
    record Key(String name, boolean supported, String strongSwanDefault) {
    }

    static final Map<String, Key> CONNECTION = table(
            "version", "+", "local_addrs", "+", "remote_addrs", "+", "local_port", "+", "remote_port", "+",
            "proposals", "+", "vips", "-", "aggressive", "-no", "pull", "-yes", "dscp", "-000000", "encap", "+",
            "mobike", "-yes", "dpd_delay", "+", "dpd_timeout", "-0s", "fragmentation", "-yes", "childless", "-allow",
            "send_certreq", "+", "send_cert", "+", "ocsp", "-reply", "ppk_id", "-", "ppk_required", "-no",
            "keyingtries", "-1", "unique", "-no", "reauth_time", "+", "rekey_time", "+", "over_time", "+",
            "rand_time", "+", "pools", "-", "if_id_in", "-0", "if_id_out", "-0", "mediation", "-no",
            "mediated_by", "-", "mediation_peer", "-", "close_action", "-none");

    static final Map<String, Key> LOCAL_AUTH = table(
            "round", "+", "certs", "+", "pubkeys", "-", "auth", "+", "id", "+", "eap_id", "-", "aaa_id", "-",
            "xauth_id", "-", "ca_id", "-");

    static final Map<String, Key> REMOTE_AUTH = table(
            "round", "+", "id", "+", "eap_id", "-", "groups", "-", "cert_policy", "-", "certs", "-",
            "cacerts", "+", "ca_id", "-", "pubkeys", "-", "revocation", "-relaxed", "auth", "+");

    static final Map<String, Key> CHILD = table(
            "ah_proposals", "-", "esp_proposals", "+", "sha256_96", "-no", "local_ts", "+", "remote_ts", "+",
            "rekey_time", "+", "life_time", "+", "rand_time", "+", "rekey_bytes", "+", "life_bytes", "+",
            "rand_bytes", "-", "rekey_packets", "+", "life_packets", "+", "rand_packets", "-", "updown", "-",
            "hostaccess", "-no", "mode", "+", "policies", "-yes", "policies_fwd_out", "-no", "dpd_action", "+",
            "ipcomp", "-no", "inactivity", "-0s", "reqid", "-0", "priority", "-0", "interface", "-", "mark_in", "-",
            "mark_in_sa", "-no", "mark_out", "-", "set_mark_in", "-", "set_mark_out", "-", "if_id_in", "-0",
            "if_id_out", "-0", "label", "-", "label_mode", "-system", "tfc_padding", "-0", "replay_window", "+",
            "hw_offload", "-no", "copy_df", "-yes", "copy_ecn", "-yes", "copy_dscp", "-out", "start_action", "+",
            "close_action", "+", "per_cpu_sas", "-no");

    static final Map<String, Key> SHARED_SECRET = table("secret", "+");
    static final Map<String, Key> KEY_PASSPHRASE = table("file", "+", "secret", "+");
    static final Map<String, Key> TOKEN = table("handle", "-", "slot", "-", "module", "-", "pin", "-");
    static final Map<String, Key> CERT_SECTION = table("file", "-", "handle", "-", "slot", "-", "module", "-");

    static final Map<String, Key> POOL = table(
            "addrs", "-", "dns", "-", "nbns", "-", "dhcp", "-", "netmask", "-", "server", "-", "subnet", "-",
            "split_include", "-", "split_exclude", "-");

    static final Map<String, Key> AUTHORITY = table(
            "cacert", "-", "file", "-", "handle", "-", "slot", "-", "module", "-", "crl_uris", "-",
            "ocsp_uris", "-", "cert_uri_base", "-");

    static final Map<String, Key> TOP_LEVEL = table(
            "connections", "+", "secrets", "+", "pools", "+", "authorities", "+");

    private SwanctlSchema() {
    }

    /** Pairs of name and flag: "+" supported, "-" unsupported, "-x" unsupported with strongSwan default x. */
    private static Map<String, Key> table(String... pairs) {
        Map<String, Key> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String flag = pairs[i + 1];
            boolean supported = flag.startsWith("+");
            String def = flag.length() > 1 ? flag.substring(1) : null;
            m.put(pairs[i], new Key(pairs[i], supported, def));
        }
        return Collections.unmodifiableMap(m);
    }
}
