package org.jswan.ike.spi;

/** What the data plane reports for one SA; {@code lastUseMillis} is 0 if never used. */
public record SaUsage(long bytes, long packets, long lastUseMillis) {
}
