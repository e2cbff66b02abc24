package org.jswan.ike.codec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jswan.ike.message.AuthMethod;
import org.jswan.ike.message.AuthPayload;
import org.jswan.ike.message.DeletePayload;
import org.jswan.ike.message.ExchangeType;
import org.jswan.ike.message.IkeHeader;
import org.jswan.ike.message.IkeMessage;
import org.jswan.ike.message.KePayload;
import org.jswan.ike.message.NoncePayload;
import org.jswan.ike.message.NotifyPayload;
import org.jswan.ike.message.NotifyType;
import org.jswan.ike.message.Payload;
import org.jswan.ike.message.PayloadType;
import org.jswan.ike.message.UnknownPayload;
import org.jswan.ike.message.VendorIdPayload;
import org.junit.jupiter.api.Test;

class MessageRulesTest {
    private static final Payload SA = Samples.ikeSa();
    private static final Payload KE = new KePayload(31, Samples.bytes(32, 1));
    private static final Payload NONCE = new NoncePayload(Samples.bytes(32, 2));

    private static IkeMessage msg(final ExchangeType x, final boolean response, final boolean encrypted,
            final Payload... payloads) {
        return new IkeMessage(IkeHeader.of(1, 2, x, !response, response, 0), List.of(payloads), encrypted);
    }

    private static void assertSyntax(final IkeMessage m) {
        final DecodeException e = assertThrows(DecodeException.class, () -> MessageRules.validate(m));
        assertEquals(NotifyType.INVALID_SYNTAX, e.notifyType(), e.reason());
    }

    private static void assertDrop(final IkeMessage m) {
        final DecodeException e = assertThrows(DecodeException.class, () -> MessageRules.validate(m));
        assertTrue(e.silentDrop(), e.reason());
    }

    private static void assertValid(final IkeMessage m) {
        assertDoesNotThrow(() -> MessageRules.validate(m));
    }

    @Test
    void ikeSaInit() {
        assertValid(Samples.ikeSaInitRequest());
        assertSyntax(msg(ExchangeType.IKE_SA_INIT, false, false, SA, NONCE));          // KE missing
        assertSyntax(msg(ExchangeType.IKE_SA_INIT, false, false, SA, KE, KE, NONCE));  // two KE
        assertSyntax(msg(ExchangeType.IKE_SA_INIT, false, false, SA, KE, NONCE,
                new AuthPayload(AuthMethod.SHARED_KEY_MIC, new byte[8])));              // AUTH not allowed
        assertValid(msg(ExchangeType.IKE_SA_INIT, true, false, SA, KE, NONCE));
        // error or cookie notifies replace the response (strongSwan's "sufficient")
        assertValid(msg(ExchangeType.IKE_SA_INIT, true, false,
                NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, new byte[] {0, 19})));
        assertValid(msg(ExchangeType.IKE_SA_INIT, true, false, NotifyPayload.of(NotifyType.COOKIE, new byte[8])));
        assertSyntax(msg(ExchangeType.IKE_SA_INIT, true, false, NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED)));
        // unknown non-critical payloads are ignored
        assertValid(msg(ExchangeType.IKE_SA_INIT, false, false, SA, KE, NONCE,
                new UnknownPayload(PayloadType.valueOf(210), false, new byte[1])));
    }

    @Test
    void ikeAuthMustBeEncrypted() {
        assertValid(Samples.ikeAuthRequest());
        final IkeMessage plain = new IkeMessage(Samples.ikeAuthRequest().header(),
                Samples.ikeAuthRequest().payloads(), false);
        assertDrop(plain);
        assertDrop(msg(ExchangeType.IKE_AUTH, true, false));
        assertSyntax(msg(ExchangeType.IKE_AUTH, false, true, KE));
        assertSyntax(msg(ExchangeType.IKE_AUTH, true, true, new AuthPayload(AuthMethod.SHARED_KEY_MIC, new byte[4]),
                new AuthPayload(AuthMethod.SHARED_KEY_MIC, new byte[4])));
        assertValid(msg(ExchangeType.IKE_AUTH, true, true, NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED)));
    }

    @Test
    void createChildSa() {
        assertValid(msg(ExchangeType.CREATE_CHILD_SA, false, true, NotifyPayload.of(NotifyType.REKEY_SA),
                Samples.espSa(), NONCE, KE, Samples.ts(true), Samples.ts(false)));
        assertSyntax(msg(ExchangeType.CREATE_CHILD_SA, false, true, Samples.espSa(), KE));   // nonce missing
        assertValid(msg(ExchangeType.CREATE_CHILD_SA, true, true, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN)));
        assertSyntax(msg(ExchangeType.CREATE_CHILD_SA, true, true, NONCE));
        assertDrop(msg(ExchangeType.CREATE_CHILD_SA, false, false, Samples.espSa(), NONCE));
    }

    @Test
    void informational() {
        assertValid(msg(ExchangeType.INFORMATIONAL, false, true));                           // liveness check
        assertValid(msg(ExchangeType.INFORMATIONAL, true, true));
        assertValid(msg(ExchangeType.INFORMATIONAL, false, true, DeletePayload.ike()));
        assertSyntax(msg(ExchangeType.INFORMATIONAL, false, true, NONCE));
        assertDrop(msg(ExchangeType.INFORMATIONAL, false, false));
        final Payload[] tooMany = new Payload[MessageRules.MAX_VID + 1];
        java.util.Arrays.fill(tooMany, new VendorIdPayload(new byte[1]));
        assertSyntax(msg(ExchangeType.INFORMATIONAL, false, true, tooMany));
    }

    @Test
    void unknownExchangeIsDropped() {
        assertDrop(msg(ExchangeType.valueOf(99), false, true));
    }

    @Test
    void generationOrderFollowsStrongSwan() {
        final List<Payload> shuffled = List.of(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED), NONCE,
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, new byte[20]), KE,
                new VendorIdPayload(new byte[4]), NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, new byte[20]),
                SA);
        final IkeMessage sorted = GenerationOrder.apply(msg(ExchangeType.IKE_SA_INIT, false, false,
                shuffled.toArray(new Payload[0])));
        assertEquals("IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) V ]", sorted.summary());
        final IkeMessage auth = GenerationOrder.apply(new IkeMessage(Samples.ikeAuthRequest().header(),
                List.of(Samples.ts(false), NotifyPayload.of(NotifyType.MOBIKE_SUPPORTED), Samples.espSa(),
                        new AuthPayload(AuthMethod.SHARED_KEY_MIC, new byte[4]), Samples.ts(true),
                        NotifyPayload.of(NotifyType.INITIAL_CONTACT),
                        new org.jswan.ike.message.IdPayload(true, org.jswan.ike.message.IdType.ID_FQDN, new byte[3])),
                true));
        assertEquals("IKE_AUTH request 1 [ IDi N(INIT_CONTACT) AUTH SA TSi TSr N(MOBIKE_SUP) ]", auth.summary());
    }
}
