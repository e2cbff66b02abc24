package org.jswan.ike.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jswan.ike.codec.MessageCodec;
import org.jswan.ike.codec.NonEspMarker;
import org.jswan.ike.crypto.Algorithm;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.crypto.Secret;
import org.jswan.ike.crypto.SkCipherFactory;
import org.jswan.ike.daemon.InMemoryIkeNetwork.Datagram;
import org.jswan.ike.keys.WiresharkKeyFiles;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;

/**
 * Opens recorded IKE messages with the keys a daemon wrote to its Wireshark {@code ikev2_decryption_table}
 * ({@code --save-keys}), so a test can see what was sent inside SK{...}: notify errors, INITIAL_CONTACT, ...
 */
final class WireDecryptor {
    private static final Map<String, Algorithm> ENCR = Map.of(
            "AES-CBC-128 [RFC3602]", Algorithm.AES_CBC_128, "AES-CBC-192 [RFC3602]", Algorithm.AES_CBC_192,
            "AES-CBC-256 [RFC3602]", Algorithm.AES_CBC_256,
            "AES-GCM-128 with 16 octet ICV [RFC5282]", Algorithm.AES_GCM_16_128,
            "AES-GCM-256 with 16 octet ICV [RFC5282]", Algorithm.AES_GCM_16_256);
    private static final Map<String, Algorithm> INTEG = Map.of(
            "HMAC_SHA2_256_128 [RFC4868]", Algorithm.HMAC_SHA2_256_128,
            "HMAC_SHA2_384_192 [RFC4868]", Algorithm.HMAC_SHA2_384_192,
            "HMAC_SHA2_512_256 [RFC4868]", Algorithm.HMAC_SHA2_512_256);

    /** One line of the table: the IKE_SA's SPIs and its keys per direction. */
    private record Keys(NegotiatedTransforms transforms, byte[] skEi, byte[] skEr, byte[] skAi, byte[] skAr) {
    }

    private final Map<String, Keys> bySpis = new HashMap<>();

    private WireDecryptor() {
    }

    static WireDecryptor read(final Path dir) throws Exception {
        WireDecryptor d = new WireDecryptor();
        HexFormat hex = HexFormat.of();
        Path table = dir.resolve(WiresharkKeyFiles.IKEV2_TABLE);
        List<String> lines = Files.exists(table) ? Files.readAllLines(table) : List.of();
        for (String line : lines) {
            String[] f = line.split(",");
            Algorithm encr = ENCR.get(f[4].replace("\"", ""));
            Algorithm integ = INTEG.get(f[7].replace("\"", ""));
            if (encr == null) {
                throw new IllegalArgumentException("unknown encryption in " + line);
            }
            // The PRF and key exchange play no part in opening SK{...}.
            NegotiatedTransforms t = NegotiatedTransforms.ike(encr, integ, Algorithm.PRF_HMAC_SHA2_256, null);
            d.bySpis.put(f[0] + "," + f[1], new Keys(t, hex.parseHex(f[2]), hex.parseHex(f[3]),
                    hex.parseHex(f[5]), hex.parseHex(f[6])));
        }
        return d;
    }

    /** Opens one recorded datagram (with or without the non-ESP marker). */
    IkeMessage open(final byte[] datagram) throws Exception {
        byte[] ike = NonEspMarker.isPresent(datagram) ? NonEspMarker.strip(datagram) : datagram;
        IkeHeader h = MessageCodec.decodeHeader(ike);
        if (h.exchangeType().equals(ExchangeType.IKE_SA_INIT)) {
            return MessageCodec.decodeBody(h, ike, null);
        }
        Keys k = bySpis.get(String.format("%016x,%016x", h.spiI(), h.spiR()));
        if (k == null) {
            throw new IllegalArgumentException("no keys saved for " + h);
        }
        boolean fromInitiator = h.initiator();
        Secret enc = Secret.copyOf(fromInitiator ? k.skEi() : k.skEr());
        Secret integ = Secret.copyOf(fromInitiator ? k.skAi() : k.skAr());
        return MessageCodec.decodeBody(h, ike, SkCipherFactory.create(k.transforms(), enc, integ));
    }

    /** The {@code exchange} messages among {@code datagrams} that are requests, opened, in order. */
    List<IkeMessage> requests(final List<Datagram> datagrams, final ExchangeType exchange) throws Exception {
        return select(datagrams, exchange, false);
    }

    /** The {@code exchange} messages among {@code datagrams} that are responses, opened, in order. */
    List<IkeMessage> responses(final List<Datagram> datagrams, final ExchangeType exchange) throws Exception {
        return select(datagrams, exchange, true);
    }

    private List<IkeMessage> select(final List<Datagram> datagrams, final ExchangeType exchange,
                                    final boolean response) throws Exception {
        List<IkeMessage> out = new ArrayList<>();
        for (Datagram d : datagrams) {
            byte[] ike = NonEspMarker.isPresent(d.data()) ? NonEspMarker.strip(d.data()) : d.data();
            IkeHeader h = MessageCodec.decodeHeader(ike);
            if (h.exchangeType().equals(exchange) && h.response() == response) {
                out.add(open(d.data()));
            }
        }
        return out;
    }
}
