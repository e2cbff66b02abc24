package org.jswan.ike.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jswan.ike.daemon.DaemonSettings;
import org.junit.jupiter.api.Test;

/**
 * The retransmission timetable is strongSwan's default one (docs.strongswan.org, config/retransmission: timeout 4 s,
 * base 1.8, 5 tries; retransmits after 4, 11, 24, 47 and 89 s, giving up at 165 s).
 */
class RetransmitScheduleTest {

    @Test
    void daemonDefaultsAreStrongSwans() {
        assertEquals(RetransmitSchedule.STRONGSWAN_DEFAULT, DaemonSettings.defaults().retransmit());
        assertEquals(new RetransmitSchedule(4.0, 1.8, 5), RetransmitSchedule.STRONGSWAN_DEFAULT);
    }

    @Test
    void exponentialBackoffMatchesStrongSwansTable() {
        RetransmitSchedule s = RetransmitSchedule.STRONGSWAN_DEFAULT;
        long[] relative = {4000, 7200, 12960, 23328, 41990, 75583};
        long absolute = 0;
        for (int attempt = 0; attempt < relative.length; attempt++) {
            assertEquals(relative[attempt], s.delayMillis(attempt), "wait after send " + attempt);
            absolute += s.delayMillis(attempt);
        }
        // The documented absolute times, rounded to seconds: 4, 11, 24, 47, 89 and 165 (give up).
        assertEquals(165, Math.round(absolute / 1000.0));
    }

    @Test
    void firstSendPlusFiveRetransmitsThenGiveUp() {
        RetransmitSchedule s = RetransmitSchedule.STRONGSWAN_DEFAULT;
        for (int attempt = 0; attempt <= 5; attempt++) {
            assertTrue(s.allows(attempt), "send " + attempt);
        }
        assertFalse(s.allows(6));
        assertThrows(IllegalArgumentException.class, () -> new RetransmitSchedule(0, 1.8, 5));
        assertThrows(IllegalArgumentException.class, () -> new RetransmitSchedule(4, 0.5, 5));
    }
}
