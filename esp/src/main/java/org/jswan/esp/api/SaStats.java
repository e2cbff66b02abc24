package org.jswan.esp.api;

/** Counters of one SA; {@code lastUseMillis} is epoch milliseconds, 0 if never used. */
public record SaStats(int spi, Direction direction, long bytes, long packets, long lastUseMillis) {
}
