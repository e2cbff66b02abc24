package org.jswan.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static ValidationResult validate(String text) throws ConfigException {
        return new ConfigValidator().validate(new SettingsParser().parseString("swanctl.conf", text, null));
    }

    private static List<String> problems(String text) throws ConfigException {
        return validate(text).problems().stream().map(ConfigProblem::toString).toList();
    }

    private static final String PSK = "secrets {\n ike-1 {\n  id = gw\n  secret = s3cret\n }\n}\n";

    @Test
    void defaultsOfAMinimalConnection() throws Exception {
        ValidationResult r = validate("connections {\n c {\n  children {\n   net { }\n  }\n }\n}\n");
        assertEquals(List.of(), r.problems());
        ConnectionConfig c = r.config().connection("c");
        assertEquals(0, c.version());
        assertEquals(List.of("%any"), c.localAddrs());
        assertEquals(List.of("%any"), c.remoteAddrs());
        assertEquals(500, c.localPort());
        assertEquals(500, c.remotePort());
        assertEquals(List.of("default"), c.proposals());
        assertEquals(Duration.ZERO, c.dpdDelay());
        assertEquals(1, c.keyingtries());
        assertEquals(ConnectionConfig.Unique.NO, c.unique());
        assertEquals(Duration.ZERO, c.reauthTime());
        assertEquals(Duration.ofHours(4), c.rekeyTime());
        assertEquals(Duration.ofMinutes(24), c.overTime());
        assertEquals(Duration.ofMinutes(24), c.randTime());
        assertTrue(c.mobike());
        assertFalse(c.encap());
        assertEquals("pubkey", c.local().get(0).auth());
        assertEquals("pubkey", c.remote().get(0).auth());
        ChildConfig net = c.child("net");
        assertEquals(List.of("dynamic"), net.localTs());
        assertEquals(List.of("dynamic"), net.remoteTs());
        assertEquals(List.of("default"), net.espProposals());
        assertEquals(ChildConfig.Mode.TUNNEL, net.mode());
        assertEquals(ChildConfig.StartAction.NONE, net.startAction());
        assertEquals(ChildConfig.DpdAction.CLEAR, net.dpdAction());
        assertEquals(Duration.ofHours(1), net.rekeyTime());
        assertEquals(Duration.ofMinutes(66), net.lifeTime());
        assertEquals(Duration.ofMinutes(6), net.randTime());
        assertEquals(32, net.replayWindow());
        assertEquals(0, net.rekeyBytes());
        assertTrue(net.policies());
        assertEquals(ChildConfig.Mark.NONE, net.markIn());
    }

    @Test
    void explicitValuesAndDerivedDefaults() throws Exception {
        ValidationResult r = validate("connections {\n c {\n  version = 2\n  remote_addrs = 192.0.2.1, vpn.example.org\n"
                + "  reauth_time = 1d\n  dpd_delay = 30s\n  unique = replace\n"
                + "  proposals = aes256gcm16-prfsha384-ecp384, aes128-sha256-modp3072\n"
                + "  local-1 { auth = pubkey\n certs = gw.pem\n round = 2 }\n"
                + "  local-0 { auth = psk\n id = gw\n round = 1 }\n"
                + "  remote { id = peer\n auth = psk }\n"
                + "  children {\n   net {\n    local_ts = 10.1.0.0/16, 10.2.0.0/16[tcp/443]\n    remote_ts = 10.3.0.1-10.3.0.9\n"
                + "    rekey_time = 30m\n    life_bytes = 2G\n    rekey_bytes = 1G\n    mode = transport\n"
                + "    start_action = start\n    mark_in = 0x10/0xff\n    esp_proposals = aes128gcm16-esn\n"
                + "    tfc_padding = mtu\n   }\n  }\n }\n}\n" + PSK);
        // Parsed into the model, but the daemon does not act on them yet: warnings, never silence.
        assertEquals(List.of("swanctl.conf:7: warning: connections.c.unique: not supported by jswan yet, ignored",
                "swanctl.conf:26: warning: connections.c.children.net.mark_in: not supported by jswan yet, ignored",
                "swanctl.conf:28: warning: connections.c.children.net.tfc_padding: not supported by jswan yet, "
                        + "ignored"), r.problems().stream().map(ConfigProblem::toString).toList());
        ConnectionConfig c = r.config().connection("c");
        assertEquals(2, c.version());
        assertEquals(List.of("192.0.2.1", "vpn.example.org"), c.remoteAddrs());
        assertEquals(Duration.ofDays(1), c.reauthTime());
        assertEquals(Duration.ZERO, c.rekeyTime());
        assertEquals(Duration.ofMinutes(144), c.overTime());
        assertEquals(List.of("local-0", "local-1"), c.local().stream().map(AuthConfig::name).toList());
        assertEquals(List.of("gw.pem"), c.local().get(1).certs());
        ChildConfig net = c.child("net");
        assertEquals(Duration.ofMinutes(33), net.lifeTime());
        assertEquals(Duration.ofMinutes(3), net.randTime());
        assertEquals(1L << 30, net.rekeyBytes());
        assertEquals(2L << 30, net.lifeBytes());
        assertEquals(1L << 30, net.randBytes());
        assertEquals(ChildConfig.Mode.TRANSPORT, net.mode());
        assertEquals(new ChildConfig.Mark(0x10, 0xff, null), net.markIn());
        assertEquals(-1, net.tfcPadding());
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineAndKey() throws Exception {
        List<String> p = problems(String.join("\n",
                "connections {",                                    // 1
                "  site-b {",                                       // 2
                "    remote_addrs = 10.0.0.300",                    // 3
                "    rekey_tme = 1h",                               // 4
                "    dpd_delay = 30x",                              // 5
                "    mobike = maybe",                               // 6
                "    aggressive = yes",                             // 7
                "    local { auth = pks }",                         // 8
                "    children {",                                   // 9
                "      net {",                                      // 10
                "        local_ts = 10.0.0.0/33",                   // 11
                "        mode = tunel",                             // 12
                "        ipcomp = no",                              // 13
                "        esp_proposals = aes128gmc16, aes128-sha1", // 14
                "      }",
                "    }",
                "  }",
                "}",
                "pool { }",                                         // 19
                ""));
        assertEquals(List.of(
                "swanctl.conf:4: connections.site-b.rekey_tme: unknown key (did you mean rekey_time?)",
                "swanctl.conf:6: warning: connections.site-b.mobike: not supported by jswan yet, ignored",
                "swanctl.conf:7: warning: connections.site-b.aggressive: not supported by jswan yet, ignored",
                "swanctl.conf:3: connections.site-b.remote_addrs: invalid address or host name '10.0.0.300'",
                "swanctl.conf:6: connections.site-b.mobike: invalid boolean 'maybe' (expected yes or no)",
                "swanctl.conf:5: connections.site-b.dpd_delay: invalid duration '30x' (expected e.g. 30s, 5m, 4h, 1d)",
                "swanctl.conf:8: connections.site-b.local.auth: unknown authentication method 'pks' "
                        + "(did you mean psk?)",
                "swanctl.conf:11: connections.site-b.children.net.local_ts: invalid prefix length in '10.0.0.0/33'",
                "swanctl.conf:14: connections.site-b.children.net.esp_proposals: unknown algorithm 'aes128gmc16' "
                        + "(did you mean aes128gcm16?)",
                "swanctl.conf:14: warning: connections.site-b.children.net.esp_proposals: algorithm 'sha1' "
                        + "is not supported by jswan",
                "swanctl.conf:12: connections.site-b.children.net.mode: invalid value 'tunel' (expected tunnel, "
                        + "transport, transport_proxy, beet, pass, drop) (did you mean tunnel?)",
                "swanctl.conf:19: pool: unknown section (did you mean pools?)"), p);
    }

    @Test
    void pskWithoutMatchingSecretNamesTheConnection() throws Exception {
        String conn = "connections {\n home {\n  remote_addrs = 192.0.2.1\n  local {\n   auth = psk\n   id = me\n  }\n"
                + "  remote {\n   auth = psk\n   id = you\n  }\n }\n}\n";
        assertEquals(List.of("swanctl.conf:4: connections.home.local.auth: connection 'home' uses psk "
                + "authentication but no secrets.ike<suffix> section has a matching id (me, you)"), problems(conn));
        assertEquals(List.of(), problems(conn + "secrets {\n ike-x {\n  id-1 = other\n  id-2 = you\n"
                + "  secret = 0x0102\n }\n}\n"));
        assertEquals(List.of(), problems(conn + "secrets {\n ike { secret = \"any id\" }\n}\n"));
    }

    @Test
    void startActionNeedsASpecificRemoteAddress() throws Exception {
        List<String> p = problems("connections {\n c {\n  children {\n   net {\n    start_action = start\n   }\n"
                + "  }\n }\n}\n");
        assertEquals(List.of("swanctl.conf:5: connections.c.children.net.start_action: start_action = start needs "
                + "a specific remote_addrs in connection 'c' (an address or DNS name, not %any or a subnet)"), p);
    }

    @Test
    void ikeProposalStructure() throws Exception {
        List<String> p = problems("connections {\n c {\n  proposals = aes128-sha256, ecp256, aes128--x25519, "
                + "aes128-sha256-ecp256-esn\n }\n}\n");
        assertEquals(List.of(
                "swanctl.conf:3: connections.c.proposals: proposal 'aes128-sha256' has no key exchange method",
                "swanctl.conf:3: connections.c.proposals: proposal 'ecp256' has no encryption algorithm",
                "swanctl.conf:3: connections.c.proposals: empty algorithm in proposal 'aes128--x25519'",
                "swanctl.conf:3: connections.c.proposals: 'esn' is only valid in ESP proposals"), p);
    }

    @Test
    void ikev1IsRejected() throws Exception {
        assertEquals(List.of("swanctl.conf:1: connections.c.version: IKEv1 is not supported by jswan (use 2, "
                + "or 0 to accept IKEv2 only)"), problems("connections { c { version = 1\n } }\n"));
    }

    @Test
    void secretsInAllFormats() throws Exception {
        ValidationResult r = validate("secrets {\n ike-plain { id = a\n secret = plain }\n"
                + " ike-quoted { id-1 = b\n id2 = c\n secret = \"two words\" }\n"
                + " ike-hex { secret = 0x0a0B0c }\n ike-b64 { secret = 0sSGVsbG8= }\n"
                + " private-gw { file = gw.key\n secret = pass }\n ike-bad { secret = 0x0g }\n"
                + " rsa-x { secret = y }\n secretz { }\n}\n");
        List<SecretConfig> s = r.config().secrets();
        assertEquals("plain", new String(s.get(0).secret().bytes()));
        assertEquals(List.of("a"), s.get(0).ids());
        assertEquals(List.of("b", "c"), s.get(1).ids());
        assertEquals("two words", new String(s.get(1).secret().bytes()));
        assertEquals(List.of(10, 11, 12), toInts(s.get(2).secret().bytes()));
        assertEquals("Hello", new String(s.get(3).secret().bytes()));
        assertEquals(SecretConfig.Type.PRIVATE, s.get(4).type());
        assertEquals("gw.key", s.get(4).file());
        assertEquals(5, s.size());
        assertEquals(List.of(
                "swanctl.conf:11: secrets.ike-bad.secret: invalid hex secret (non-hex character)",
                "swanctl.conf:12: secrets.rsa-x: missing 'file' (the key file this passphrase decrypts)",
                "swanctl.conf:13: secrets.secretz: unknown section"),
                r.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void secretsNeverAppearInToString() throws Exception {
        ValidationResult r = validate("secrets {\n ike { id = a\n secret = TopSecretValue }\n}\n");
        String text = r.config().toString() + r.config().secrets().get(0).secret();
        assertFalse(text.contains("TopSecretValue"), text);
        assertTrue(text.contains("redacted"));
        assertEquals(List.of(), problems("secrets {\n ike { id = a\n secret = 0x0102 }\n}\n"));
    }

    @Test
    void referencesAreInherited() throws Exception {
        ValidationResult r = validate("conn-defaults {\n remote_addrs = 192.0.2.9\n local { auth = pubkey }\n}\n"
                + "connections {\n a : conn-defaults {\n  remote_addrs = 192.0.2.1\n }\n"
                + " b : conn-defaults { }\n c : missing { }\n}\n");
        assertEquals(List.of("192.0.2.1"), r.config().connection("a").remoteAddrs());
        assertEquals(List.of("192.0.2.9"), r.config().connection("b").remoteAddrs());
        assertEquals(List.of("swanctl.conf:10: connections.c: referenced section 'missing' not found"),
                r.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void referenceExpansionIsBounded() throws Exception {
        StringBuilder sb = new StringBuilder("a0 { n { k = v } }\nb0 { m { k = v } }\n");
        for (int i = 1; i < 40; i++) {
            sb.append("a").append(i).append(" : a").append(i - 1).append(", b").append(i - 1).append(" { s").append(i)
                    .append(" { } }\n");
            sb.append("b").append(i).append(" : b").append(i - 1).append(", a").append(i - 1).append(" { t").append(i)
                    .append(" { } }\n");
        }
        sb.append("connections { c : a39 { } }\n");
        List<String> p = problems(sb.toString());
        assertTrue(p.contains("swanctl.conf:1: (root): section references expand to more than 100000 sections"),
                p.toString());
    }

    @Test
    void ipv6RangesAndSelectors() throws Exception {
        assertEquals(List.of(), problems("connections { c {\n remote_addrs = 2001:db8::1-2001:db8::9, fe80::/10\n"
                + " children { x { remote_ts = 2001:db8::/32[udp/500], ::1 } }\n} }\n"));
    }

    @Test
    void poolsAndAuthorities() throws Exception {
        ValidationResult r = validate("pools {\n rw { addrs = 10.3.0.0/24\n dns = 10.1.0.53, 2001:db8::53 }\n"
                + " bad { addrs = 10.3.0.9-10.3.0.1 }\n}\nauthorities {\n ca { cacert = ca.pem\n"
                + " crl_uris = http://crl.example.org/ca.crl }\n}\nconnections { c { pools = rw, radius } }\n");
        PoolConfig rw = r.config().pool("rw");
        assertEquals("10.3.0.0/24", rw.addrs());
        assertEquals(List.of("10.1.0.53", "2001:db8::53"), rw.attribute("dns"));
        assertEquals("ca.pem", r.config().authorities().get(0).cacert());
        assertEquals(List.of(
                "swanctl.conf:3: warning: pools.rw.dns: not supported by jswan yet, ignored",
                "swanctl.conf:4: pools.bad.addrs: address range '10.3.0.9-10.3.0.1' ends before it starts",
                "swanctl.conf:7: warning: authorities.ca.cacert: not supported by jswan yet, ignored",
                "swanctl.conf:8: warning: authorities.ca.crl_uris: not supported by jswan yet, ignored",
                "swanctl.conf:10: warning: connections.c.pools: not supported by jswan yet, ignored",
                "swanctl.conf:10: warning: connections.c.pools: pool 'radius' is not defined in the pools section"),
                r.problems().stream().map(ConfigProblem::toString).toList());
        assertNull(r.config().pool("radius"));
    }

    private static List<Integer> toInts(byte[] b) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add((int) x);
        }
        return out;
    }
}
