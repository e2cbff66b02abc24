package org.jswan.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Which connections a reload adds, removes or changes, so unchanged connections keep their SAs (as
 * {@code swanctl --load-conns} does). Source positions do not count as a change: moving a connection within the
 * file, or into an included file, leaves it unchanged. Secrets and pools are not compared here.
 */
public record ConfigDiff(List<String> added, List<String> removed, List<String> changed, List<String> unchanged) {

    public ConfigDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }

    public static ConfigDiff between(SwanctlConfig before, SwanctlConfig after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ConnectionConfig old : before.connections()) {
            ConnectionConfig now = after.connection(old.name());
            if (now == null) {
                removed.add(old.name());
            } else if (sameIgnoringPositions(old, now)) {
                unchanged.add(old.name());
            } else {
                changed.add(old.name());
            }
        }
        for (ConnectionConfig now : after.connections()) {
            if (before.connection(now.name()) == null) {
                added.add(now.name());
            }
        }
        return new ConfigDiff(added, removed, changed, unchanged);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Deep record equality that skips {@link SourcePosition} components. */
    static boolean sameIgnoringPositions(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof List<?> la) {
            if (!(b instanceof List<?> lb)) {
                return false;
            }
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameIgnoringPositions(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof SourcePosition) {
            return true;
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                try {
                    if (!sameIgnoringPositions(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b))) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot compare " + rc, e);
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
