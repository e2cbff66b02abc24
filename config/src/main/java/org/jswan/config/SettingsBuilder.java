package org.jswan.config;

/**
 * Builds a settings tree in code, for configuration that arrives in another form than a file (a VICI
 * {@code load-conn} message is the swanctl.conf subtree of one connection). The tree then goes through the same
 * {@link ConfigValidator} as a parsed file, so both report problems the same way.
 */
public final class SettingsBuilder {
    private final SettingsSection section;
    private final SourcePosition position;

    /** A root section whose nodes all report {@code origin} (e.g. {@code "vici"}) as their position. */
    public SettingsBuilder(String origin) {
        this(new SettingsSection("", new SourcePosition(origin, 0)), new SourcePosition(origin, 0));
    }

    private SettingsBuilder(SettingsSection section, SourcePosition position) {
        this.section = section;
        this.position = position;
    }

    /** Sets {@code key = value}; a list is given as its comma-separated text, as in swanctl.conf. */
    public SettingsBuilder value(String key, String value) {
        section.put(new SettingsValue(key, value, position));
        return this;
    }

    /** Opens (or re-opens) sub-section {@code name} and returns its builder. */
    public SettingsBuilder section(String name) {
        return new SettingsBuilder(section.openSection(name, position), position);
    }

    /** The section built so far (the same object on every call). */
    public SettingsSection build() {
        return section;
    }
}
