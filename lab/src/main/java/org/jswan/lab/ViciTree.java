package org.jswan.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VICI message section as printed by {@code swanctl --pretty}: {@code key = value} lines, {@code name [ ... ]}
 * lists and nested {@code name { ... }} sections. The pretty form is parsed rather than {@code --raw} because raw
 * values (identities such as {@code CN=gw a, O=x}) may contain spaces.
 *
 * @param values   scalar values by key
 * @param lists    list values by key
 * @param sections nested sections by name, in output order
 */
record ViciTree(Map<String, String> values, Map<String, List<String>> lists, Map<String, ViciTree> sections) {

    static final int MAX_DEPTH = 16;

    /** Parses a sequence of top-level sections (one per event, e.g. {@code list-sa event { ... }}). */
    static List<ViciTree> parseAll(String text) {
        String[] lines = text.split("\n");
        int[] pos = {0};
        List<ViciTree> events = new ArrayList<>();
        while (pos[0] < lines.length) {
            String line = lines[pos[0]++].trim();
            if (line.endsWith("{")) {
                events.add(parseSection(lines, pos, 1));
            }
        }
        return events;
    }

    private static ViciTree parseSection(String[] lines, int[] pos, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("swanctl output nested deeper than " + MAX_DEPTH);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, ViciTree> sections = new LinkedHashMap<>();
        while (pos[0] < lines.length) {
            String line = lines[pos[0]++].trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("}")) {
                break;
            }
            if (line.endsWith(" {") && !line.contains(" = ")) {
                sections.put(line.substring(0, line.length() - 1).trim(), parseSection(lines, pos, depth + 1));
            } else if (line.endsWith(" = [") || line.endsWith(" [")) {
                List<String> items = new ArrayList<>();
                while (pos[0] < lines.length) {
                    String item = lines[pos[0]++].trim();
                    if (item.equals("]")) {
                        break;
                    }
                    items.add(item);
                }
                String key = line.substring(0, line.length() - 1).trim();
                lists.put(key.endsWith(" =") ? key.substring(0, key.length() - 2).trim() : key, List.copyOf(items));
            } else {
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
                }
            }
        }
        return new ViciTree(Map.copyOf(values), Map.copyOf(lists), sections);
    }
}
