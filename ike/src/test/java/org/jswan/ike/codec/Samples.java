package org.jswan.ike.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.jswan.ike.message.AuthMethod;
import org.jswan.ike.message.AuthPayload;
import org.jswan.ike.message.CertEncoding;
import org.jswan.ike.message.CertPayload;
import org.jswan.ike.message.CertReqPayload;
import org.jswan.ike.message.ConfigAttribute;
import org.jswan.ike.message.ConfigAttributeType;
import org.jswan.ike.message.ConfigType;
import org.jswan.ike.message.CpPayload;
import org.jswan.ike.message.DeletePayload;
import org.jswan.ike.message.EapPayload;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IdPayload;
import org.jswan.ike.message.IdType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.KePayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.message.Proposal;
import org.jswan.ike.message.ProtocolId;
import org.jswan.ike.message.SaPayload;
import org.jswan.ike.message.TrafficSelector;
import org.jswan.ike.message.Transform;
import org.jswan.ike.message.TransformType;
import org.jswan.ike.message.TsPayload;
import org.jswan.ike.message.TsType;
import org.jswan.ike.message.UnknownPayload;
import org.jswan.ike.message.VendorIdPayload;

/** Sample payloads and messages shared by the codec tests. */
final class Samples {
    static final long SPI_I = 0x0102030405060708L;
    static final long SPI_R = 0x1112131415161718L;

    private Samples() {
    }

    static byte[] bytes(final int n, final int seed) {
        final byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    static InetAddress ip(final String s) {
        try {
            return InetAddress.getByName(s);
        } catch (final UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static SaPayload ikeSa() {
        return new SaPayload(List.of(
                new Proposal(1, ProtocolId.IKE, new byte[0], List.of(
                        Transform.withKeyLength(TransformType.ENCR, 20, 256),
                        Transform.of(TransformType.PRF, 7),
                        Transform.of(TransformType.KE, 31))),
                new Proposal(2, ProtocolId.IKE, new byte[0], List.of(
                        Transform.withKeyLength(TransformType.ENCR, 12, 128),
                        Transform.of(TransformType.INTEG, 12),
                        Transform.of(TransformType.PRF, 5),
                        Transform.of(TransformType.KE, 19)))));
    }

    static SaPayload espSa() {
        return new SaPayload(List.of(new Proposal(1, ProtocolId.ESP, bytes(4, 9), List.of(
                Transform.withKeyLength(TransformType.ENCR, 20, 128), Transform.of(TransformType.ESN, 0)))));
    }

    static TsPayload ts(final boolean initiator) {
        return new TsPayload(initiator, List.of(
                new TrafficSelector(TsType.TS_IPV4_ADDR_RANGE, 0, 0, 65535, ip("10.1.0.0"), ip("10.1.255.255")),
                new TrafficSelector(TsType.TS_IPV6_ADDR_RANGE, 6, 443, 443, ip("2001:db8::"),
                        ip("2001:db8::ffff"))));
    }

    /** One of every payload kind that can appear in a chain (SK/SKF excluded). */
    static List<Payload> everyPayload() {
        return List.of(
                ikeSa(), espSa(),
                new KePayload(31, bytes(32, 1)),
                new IdPayload(true, IdType.ID_FQDN, "moon.strongswan.org".getBytes()),
                new IdPayload(false, IdType.ID_IPV4_ADDR, new byte[] {(byte) 192, (byte) 168, 0, 1}),
                new CertPayload(CertEncoding.X509_CERTIFICATE_SIGNATURE, bytes(100, 2)),
                new CertReqPayload(CertEncoding.X509_CERTIFICATE_SIGNATURE, bytes(40, 3)),
                new AuthPayload(AuthMethod.SHARED_KEY_MIC, bytes(32, 4)),
                new NoncePayload(bytes(32, 5)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, bytes(20, 6)),
                new NotifyPayload(ProtocolId.ESP, bytes(4, 7), NotifyType.REKEY_SA, new byte[0]),
                DeletePayload.ike(),
                DeletePayload.esp(List.of(bytes(4, 8), bytes(4, 9))),
                new VendorIdPayload(bytes(16, 10)),
                ts(true), ts(false),
                new CpPayload(ConfigType.CFG_REQUEST, List.of(
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, new byte[0]),
                        new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_DNS, new byte[] {8, 8, 8, 8}))),
                new EapPayload(new byte[] {2, 7, 0, 10, 1, 'a', 'l', 'i', 'c', 'e'}),
                new UnknownPayload(PayloadType.valueOf(200), false, bytes(5, 11)));
    }

    static IkeMessage ikeSaInitRequest() {
        return new IkeMessage(IkeHeader.of(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0), List.of(
                ikeSa(), new KePayload(31, bytes(32, 1)), new NoncePayload(bytes(32, 5)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, bytes(20, 6)),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, bytes(20, 7)),
                NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED),
                NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, new byte[] {0, 2, 0, 3, 0, 4})), false);
    }

    static IkeMessage ikeAuthRequest() {
        return new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1), List.of(
                new IdPayload(true, IdType.ID_FQDN, "carol@strongswan.org".getBytes()),
                NotifyPayload.of(NotifyType.INITIAL_CONTACT),
                new AuthPayload(AuthMethod.SHARED_KEY_MIC, bytes(32, 4)),
                espSa(), ts(true), ts(false),
                NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED)), true);
    }
}
