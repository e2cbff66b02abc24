package org.jswan.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A section of a strongswan.conf-style settings tree: key/values and subsections in file order. Redefining a key
 * replaces its value (the later definition wins, as in strongSwan); redefining a section merges into it.
 */
public final class SettingsSection {

    private final String name;
    private SourcePosition position;
    private final List<String> references = new ArrayList<>();
    private final Map<String, SettingsValue> values = new LinkedHashMap<>();
    private final Map<String, SettingsSection> sections = new LinkedHashMap<>();

    public SettingsSection(String name, SourcePosition position) {
        this.name = name;
        this.position = position;
    }

    /** The section's name; empty for the root. */
    public String name() {
        return name;
    }

    /** Where the section was first opened. */
    public SourcePosition position() {
        return position;
    }

    /** Absolute names of sections this one inherits from ({@code name : a, b.c { ... }}). */
    public List<String> references() {
        return Collections.unmodifiableList(references);
    }

    public SettingsValue value(String key) {
        return values.get(key);
    }

    public SettingsSection section(String sectionName) {
        return sections.get(sectionName);
    }

    public Collection<SettingsValue> values() {
        return Collections.unmodifiableCollection(values.values());
    }

    public Collection<SettingsSection> sections() {
        return Collections.unmodifiableCollection(sections.values());
    }

    /** Looks up a dot-separated path of sections, e.g. {@code connections.home.children}; null if absent. */
    public SettingsSection sectionAt(String dottedPath) {
        SettingsSection current = this;
        for (String part : dottedPath.split("\\.")) {
            if (current == null) {
                return null;
            }
            current = current.section(part);
        }
        return current;
    }

    void put(SettingsValue value) {
        values.remove(value.key());
        values.put(value.key(), value);
    }

    SettingsSection openSection(String sectionName, SourcePosition at) {
        return sections.computeIfAbsent(sectionName, n -> new SettingsSection(n, at));
    }

    void addReferences(List<String> refs) {
        for (String ref : refs) {
            if (!references.contains(ref)) {
                references.add(ref);
            }
        }
    }

    void putIfAbsent(SettingsValue value) {
        values.putIfAbsent(value.key(), value);
    }

    void putSection(SettingsSection section) {
        sections.put(section.name, section);
    }

    @Override
    public String toString() {
        return "SettingsSection[" + name + " @" + position + ", " + values.size() + " values, "
                + sections.size() + " sections]";
    }
}
