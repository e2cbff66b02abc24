package org.jswan.ike.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;

/**
 * Appends IKE and ESP keys to {@code DIR/ikev2_decryption_table} and {@code DIR/esp_sa}, the UAT files of
 * Wireshark's IKEv2 and ESP dissectors, in the layout of strongSwan's save-keys plugin, so a capture of jswan's
 * traffic can be decrypted by Wireshark or tshark ({@code -o uat:esp_sa:...}). Files are created mode 0600.
 */
public final class WiresharkKeyFiles {
    public static final String IKEV2_TABLE = "ikev2_decryption_table";
    public static final String ESP_TABLE = "esp_sa";

    private static final HexFormat HEX = HexFormat.of();
    /** IKE encryption: (transform id, key bits) to Wireshark's name; RFC 5282 AEAD carry no integrity. */
    private static final Map<String, String> IKE_ENCR = Map.of(
            "12/128", "AES-CBC-128 [RFC3602]", "12/192", "AES-CBC-192 [RFC3602]",
            "12/256", "AES-CBC-256 [RFC3602]", "20/128", "AES-GCM-128 with 16 octet ICV [RFC5282]",
            "20/192", "AES-GCM-192 with 16 octet ICV [RFC5282]", "20/256", "AES-GCM-256 with 16 octet ICV [RFC5282]");
    private static final Map<Integer, String> IKE_INTEG = Map.of(
            0, "NONE [RFC4306]", 12, "HMAC_SHA2_256_128 [RFC4868]", 13, "HMAC_SHA2_384_192 [RFC4868]",
            14, "HMAC_SHA2_512_256 [RFC4868]");
    private static final Map<Integer, String> ESP_ENCR = Map.of(
            12, "AES-CBC [RFC3602]", 20, "AES-GCM [RFC4106]", 28, "ChaCha20 with Poly1305 [RFC7634]");
    private static final Map<Integer, String> ESP_INTEG = Map.of(
            12, "HMAC-SHA-256-128 [RFC4868]", 13, "HMAC-SHA-384-192 [RFC4868]", 14, "HMAC-SHA-512-256 [RFC4868]");

    private final Path dir;

    public WiresharkKeyFiles(final Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /**
     * One IKE_SA's keys. Wireshark has no entry for ChaCha20-Poly1305 in IKE; such SAs are skipped and the
     * method returns false.
     */
    public boolean saveIke(final long spiI, final long spiR, final int encrId, final int encrKeyBits,
                           final byte[] skEi, final byte[] skEr, final int integId, final byte[] skAi,
                           final byte[] skAr) {
        String enc = IKE_ENCR.get(encrId + "/" + encrKeyBits);
        String integ = IKE_INTEG.get(integId);
        if (enc == null || integ == null) {
            return false;
        }
        append(IKEV2_TABLE, String.format("%016x,%016x,%s,%s,\"%s\",%s,%s,\"%s\"%n", spiI, spiR, HEX.formatHex(skEi),
                HEX.formatHex(skEr), enc, HEX.formatHex(skAi), HEX.formatHex(skAr), integ));
        return true;
    }

    /**
     * One CHILD_SA's keys: two lines, initiator to responder (protected by the responder's SPI) and back. For AEAD
     * the encryption keys include the salt and the integrity name says how long the ICV is.
     */
    public void saveEsp(final InetAddress initiator, final InetAddress responder, final int spiI, final int spiR,
                        final int encrId, final byte[] encrI, final byte[] encrR, final int integId,
                        final byte[] integI, final byte[] integR) {
        String enc = ESP_ENCR.getOrDefault(encrId, "NULL");
        String integ = integId == 0 ? "ANY 128 bit authentication [no checking]"
                : ESP_INTEG.getOrDefault(integId, "NULL");
        String family = initiator instanceof Inet4Address ? "IPv4" : "IPv6";
        String line = "\"%s\",\"%s\",\"%s\",\"0x%08x\",\"%s\",\"0x%s\",\"%s\",\"0x%s\"%n";
        append(ESP_TABLE, String.format(line, family, initiator.getHostAddress(), responder.getHostAddress(), spiR,
                enc, HEX.formatHex(encrI), integ, HEX.formatHex(integI))
                + String.format(line, family, responder.getHostAddress(), initiator.getHostAddress(), spiI, enc,
                HEX.formatHex(encrR), integ, HEX.formatHex(integR)));
    }

    private void append(final String name, final String text) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file in " + dir + ": " + e.getMessage(), e);
        }
    }
}
