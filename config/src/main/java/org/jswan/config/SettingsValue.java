package org.jswan.config;

import java.util.Objects;

/** One {@code key = value} pair of a settings file, with the position of its (last) definition. */
public record SettingsValue(String key, String value, SourcePosition position) {

    public SettingsValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }
}
