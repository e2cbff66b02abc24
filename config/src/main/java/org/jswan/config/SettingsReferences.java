package org.jswan.config;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves section references ({@code conn-a : conn-defaults { ... }}, strongswan.conf(5) "REFERENCING OTHER
 * SECTIONS") into a new tree: a section keeps its own values and subsections, then gains those of the referenced
 * sections (left to right) that it does not define. Missing references and reference cycles are reported; the
 * amount of copying is bounded.
 */
final class SettingsReferences {

    private static final int MAX_COPIED_NODES = 100_000;

    private final SettingsSection root;
    private final List<ConfigProblem> problems;
    private final Map<SettingsSection, Boolean> inProgress = new IdentityHashMap<>();
    private int copied;

    private SettingsReferences(SettingsSection root, List<ConfigProblem> problems) {
        this.root = root;
        this.problems = problems;
    }

    static SettingsSection resolve(SettingsSection root, List<ConfigProblem> problems) {
        return new SettingsReferences(root, problems).resolveSection(root, "");
    }

    private SettingsSection resolveSection(SettingsSection section, String path) {
        SettingsSection out = new SettingsSection(section.name(), section.position());
        if (++copied > MAX_COPIED_NODES) {
            return out;
        }
        inProgress.put(section, Boolean.TRUE);
        for (SettingsValue v : section.values()) {
            out.put(v);
        }
        for (SettingsSection sub : section.sections()) {
            String subPath = path.isEmpty() ? sub.name() : path + "." + sub.name();
            out.putSection(resolveSection(sub, subPath));
        }
        for (String ref : section.references()) {
            SettingsSection target = root.sectionAt(ref);
            if (target == null) {
                problems.add(ConfigProblem.error(section.position(), path,
                        "referenced section '" + ref + "' not found"));
            } else if (inProgress.containsKey(target)) {
                problems.add(ConfigProblem.error(section.position(), path,
                        "reference cycle through '" + ref + "'"));
            } else {
                merge(out, resolveSection(target, ref));
                if (copied > MAX_COPIED_NODES) {
                    break;
                }
            }
        }
        inProgress.remove(section);
        if (copied > MAX_COPIED_NODES && path.isEmpty()) {
            problems.add(ConfigProblem.error(section.position(), "(root)",
                    "section references expand to more than " + MAX_COPIED_NODES + " sections"));
        }
        return out;
    }

    private void merge(SettingsSection into, SettingsSection from) {
        for (SettingsValue v : from.values()) {
            into.putIfAbsent(v);
        }
        for (SettingsSection sub : from.sections()) {
            if (++copied > MAX_COPIED_NODES) {
                return;
            }
            SettingsSection existing = into.section(sub.name());
            if (existing == null) {
                existing = new SettingsSection(sub.name(), sub.position());
                into.putSection(existing);
            }
            merge(existing, sub);
        }
    }
}
