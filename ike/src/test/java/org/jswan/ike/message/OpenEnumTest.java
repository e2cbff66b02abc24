package org.jswan.ike.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenEnumTest {

    @Test
    void knownValuesAreTheConstants() {
        assertSame(ExchangeType.IKE_SA_INIT, ExchangeType.valueOf(34));
        assertSame(PayloadType.SKF, PayloadType.valueOf(53));
        assertSame(NotifyType.SIGNATURE_HASH_ALGORITHMS, NotifyType.valueOf(16431));
        assertSame(NotifyType.TEMPORARY_FAILURE, NotifyType.valueOf(43));
        assertSame(TransformType.KE, TransformType.valueOf(4));
        assertSame(TsType.TS_IPV6_ADDR_RANGE, TsType.valueOf(8));
        assertSame(ProtocolId.ESP, ProtocolId.valueOf(3));
        assertSame(ConfigAttributeType.INTERNAL_IP4_ADDRESS, ConfigAttributeType.valueOf(1));
        assertEquals("No", PayloadType.NONCE.shortName());
        assertEquals("NATD_D_IP", NotifyType.NAT_DETECTION_DESTINATION_IP.shortName());
        assertTrue(NotifyType.INVALID_SYNTAX.isError());
        assertFalse(NotifyType.COOKIE.isError());
    }

    @Test
    void unknownValuesNeverThrowWithinTheirField() {
        for (int v = 0; v <= 255; v++) {
            assertEquals(v, ExchangeType.valueOf(v).value());
            assertEquals(v, PayloadType.valueOf(v).value());
            assertEquals(v, AuthMethod.valueOf(v).value());
            assertEquals(v, IdType.valueOf(v).value());
            assertEquals(v, CertEncoding.valueOf(v).value());
        }
        for (int v = 0; v <= 65535; v++) {
            assertEquals(v, NotifyType.valueOf(v).value());
        }
        final NotifyType unknown = NotifyType.valueOf(40000);
        assertFalse(unknown.isKnown());
        assertEquals("UNKNOWN", unknown.name());
        assertEquals("40000", unknown.shortName());
        assertEquals("UNKNOWN(40000)", unknown.toString());
        assertEquals(unknown, NotifyType.valueOf(40000));
        assertEquals(unknown.hashCode(), NotifyType.valueOf(40000).hashCode());
        assertNotEquals(NotifyType.valueOf(1), ExchangeType.valueOf(1));
        assertThrows(IllegalArgumentException.class, () -> PayloadType.valueOf(256));
    }
}
