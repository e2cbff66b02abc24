package org.jswan.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses {@code swanctl --list-sas --pretty} into {@link IkeSa} and {@link ChildSa} values. */
public final class SwanctlSas {

    private SwanctlSas() {
    }

    public static List<IkeSa> parse(String prettyOutput) {
        List<IkeSa> result = new ArrayList<>();
        for (ViciTree event : ViciTree.parseAll(prettyOutput)) {
            for (Map.Entry<String, ViciTree> ike : event.sections().entrySet()) {
                ViciTree sa = ike.getValue();
                List<ChildSa> children = new ArrayList<>();
                ViciTree childSas = sa.sections().get("child-sas");
                if (childSas != null) {
                    for (ViciTree child : childSas.sections().values()) {
                        String name = child.values().getOrDefault("name", "");
                        children.add(new ChildSa(name, child.values(),
                                child.lists().getOrDefault("local-ts", List.of()),
                                child.lists().getOrDefault("remote-ts", List.of())));
                    }
                }
                result.add(new IkeSa(ike.getKey(), sa.values(), List.copyOf(children)));
            }
        }
        return List.copyOf(result);
    }
}
