package org.jswan.ike.task;

/**
 * When to retransmit an unanswered request (strongSwan's defaults: timeout 4 s, base 1.8, 5 tries): try
 * {@code n} (0 is the first send) waits {@code timeout * base^n} seconds; after the last try's wait the exchange
 * has failed and the IKE_SA is destroyed (RFC 7296 §2.1, §2.4).
 */
public record RetransmitSchedule(double timeoutSeconds, double base, int tries) {
    public static final RetransmitSchedule STRONGSWAN_DEFAULT = new RetransmitSchedule(4.0, 1.8, 5);

    public RetransmitSchedule {
        if (timeoutSeconds <= 0 || base < 1 || tries < 0) {
            throw new IllegalArgumentException("retransmit timeout must be > 0, base >= 1, tries >= 0");
        }
    }

    /** Milliseconds to wait after send number {@code attempt} (0-based) before the next one, or before giving up. */
    public long delayMillis(final int attempt) {
        return Math.round(timeoutSeconds * Math.pow(base, attempt) * 1000);
    }

    /** True if send number {@code attempt} (0-based) is still allowed: the first send plus {@code tries}. */
    public boolean allows(final int attempt) {
        return attempt <= tries;
    }
}
