package org.jswan.gateway.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A VICI message: the ordered content of a section (the root section of a message, or a named sub-section). Holds
 * key/values with raw byte values, named lists of byte values, and sub-sections, in the order they were added or
 * decoded. Immutable. Values are usually strings (VICI encodes numbers as strings); the readers decode UTF-8.
 *
 * <p>{@link #toString()} shows the structure and value lengths only: messages carry PSKs and private keys.
 */
public final class ViciMessage {
    /** The empty message, e.g. the request of {@code version} or {@code stats}. */
    public static final ViciMessage EMPTY = new ViciMessage(List.of());

    /** One element of a section. */
    public sealed interface Entry permits KeyValue, ListValue, Section {
        String name();
    }

    /** {@code name = value}. */
    public record KeyValue(String name, byte[] value) implements Entry {
        public KeyValue {
            Objects.requireNonNull(name, "name");
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof KeyValue kv && kv.name.equals(name) && Arrays.equals(kv.value, value);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=<" + value.length + " bytes>";
        }
    }

    /** {@code name = [ item, ... ]}; VICI lists hold values only and do not nest. */
    public record ListValue(String name, List<byte[]> items) implements Entry {
        public ListValue {
            Objects.requireNonNull(name, "name");
            items = items.stream().map(byte[]::clone).toList();
        }

        @Override
        public List<byte[]> items() {
            return items.stream().map(byte[]::clone).toList();
        }

        public List<String> texts() {
            return items.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        }

        @Override
        public boolean equals(final Object o) {
            if (!(o instanceof ListValue l) || !l.name.equals(name) || l.items.size() != items.size()) {
                return false;
            }
            for (int i = 0; i < items.size(); i++) {
                if (!Arrays.equals(items.get(i), l.items.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = name.hashCode();
            for (byte[] item : items) {
                h = h * 31 + Arrays.hashCode(item);
            }
            return h;
        }

        @Override
        public String toString() {
            return name + "=[" + items.size() + " items]";
        }
    }

    /** {@code name { ... }}. */
    public record Section(String name, ViciMessage content) implements Entry {
        public Section {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String toString() {
            return name + content;
        }
    }

    private final List<Entry> entries;

    private ViciMessage(final List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All entries in order. */
    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The first entry called {@code name}, or null. */
    public Entry entry(final String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The value of key {@code name} as UTF-8 text, or null if there is no such key/value. */
    public String get(final String name) {
        return entry(name) instanceof KeyValue kv ? kv.text() : null;
    }

    /** The value of key {@code name}, or {@code fallback}. */
    public String get(final String name, final String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    /** The raw value of key {@code name}, or null. */
    public byte[] getBytes(final String name) {
        return entry(name) instanceof KeyValue kv ? kv.value() : null;
    }

    /** The sub-section {@code name}, or null. */
    public ViciMessage section(final String name) {
        return entry(name) instanceof Section s ? s.content() : null;
    }

    /** The items of list {@code name} as UTF-8 texts; empty if there is no such list. */
    public List<String> list(final String name) {
        return entry(name) instanceof ListValue l ? l.texts() : List.of();
    }

    /** The sub-sections in order (e.g. the connections of a {@code load-conn} request). */
    public List<Section> sections() {
        return entries.stream().filter(Section.class::isInstance).map(Section.class::cast).toList();
    }

    /** Looks up a dotted path such as {@code "net.children.net.mode"}; null if any step is missing. */
    public String find(final String dottedPath) {
        String[] parts = dottedPath.split("\\.");
        ViciMessage m = this;
        for (int i = 0; i < parts.length - 1 && m != null; i++) {
            m = m.section(parts[i]);
        }
        return m == null ? null : m.get(parts[parts.length - 1]);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ViciMessage m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString().replace('[', '{').replace(']', '}');
    }

    /**
     * Builds a message element by element, in the order VICI encodes it. Sections and lists nest as on the wire:
     * {@code beginSection(..) ... endSection()}, {@code beginList(..) item(..) ... endList()}.
     */
    public static final class Builder {
        private final Deque<List<Entry>> open = new ArrayDeque<>();
        private final Deque<String> names = new ArrayDeque<>();
        private String listName;
        private List<byte[]> listItems;

        private Builder() {
            open.push(new ArrayList<>());
        }

        private List<Entry> current() {
            if (listItems != null) {
                throw new IllegalStateException("list '" + listName + "' is open: only items may be added");
            }
            return open.peek();
        }

        public Builder add(final String name, final byte[] value) {
            current().add(new KeyValue(name, value));
            return this;
        }

        public Builder add(final String name, final String value) {
            return add(name, value.getBytes(StandardCharsets.UTF_8));
        }

        public Builder add(final String name, final long value) {
            return add(name, Long.toString(value));
        }

        /** {@code yes} or {@code no}, as VICI spells booleans. */
        public Builder add(final String name, final boolean value) {
            return add(name, value ? "yes" : "no");
        }

        /** Adds {@code name = value} only if {@code value} is not null. */
        public Builder addIfPresent(final String name, final String value) {
            return value == null ? this : add(name, value);
        }

        public Builder add(final String name, final ViciMessage section) {
            current().add(new Section(name, section));
            return this;
        }

        public Builder add(final Entry entry) {
            current().add(entry);
            return this;
        }

        public Builder addList(final String name, final List<String> items) {
            current().add(new ListValue(name, items.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList()));
            return this;
        }

        public Builder beginSection(final String name) {
            current();
            names.push(name);
            open.push(new ArrayList<>());
            return this;
        }

        public Builder endSection() {
            if (names.isEmpty() || listItems != null) {
                throw new IllegalStateException("no open section to end");
            }
            List<Entry> done = open.pop();
            open.peek().add(new Section(names.pop(), new ViciMessage(done)));
            return this;
        }

        public Builder beginList(final String name) {
            current();
            listName = name;
            listItems = new ArrayList<>();
            return this;
        }

        public Builder item(final byte[] value) {
            if (listItems == null) {
                throw new IllegalStateException("list item outside a list");
            }
            listItems.add(value);
            return this;
        }

        public Builder item(final String value) {
            return item(value.getBytes(StandardCharsets.UTF_8));
        }

        public Builder endList() {
            if (listItems == null) {
                throw new IllegalStateException("no open list to end");
            }
            List<byte[]> items = listItems;
            listItems = null;
            current().add(new ListValue(listName, items));
            return this;
        }

        /** Depth of open sections, 0 at the root. */
        int depth() {
            return names.size();
        }

        boolean inList() {
            return listItems != null;
        }

        public ViciMessage build() {
            if (!names.isEmpty() || listItems != null) {
                throw new IllegalStateException("unbalanced message: section or list still open");
            }
            return new ViciMessage(new ArrayList<>(open.peek()));
        }
    }
}
