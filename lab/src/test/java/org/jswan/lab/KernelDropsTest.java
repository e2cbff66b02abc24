package org.jswan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelDropsTest {

    @Test
    void readsRcvbufErrorsFromTheUdpLinesOnly() {
        String snmp = "Tcp: RtoAlgorithm RtoMin\nTcp: 1 200\n"
                + "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti"
                + " MemErrors\nUdp: 1210 3 17 1190 11 0 0 0 0\n"
                + "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors"
                + " IgnoredMulti MemErrors\nUdpLite: 0 0 0 0 99 0 0 0 0\n";
        assertEquals(11, KernelDrops.parse(snmp));
    }

    @Test
    void aTextWithoutTheCounterIsAnError() {
        assertThrows(LabException.class, () -> KernelDrops.parse("Udp: InDatagrams\nUdp: 5\n"));
    }
}
