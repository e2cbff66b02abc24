package org.jswan.config;

import java.util.List;

/** The typed model and every problem found in it. Use the model only if {@link #hasErrors()} is false. */
public record ValidationResult(SwanctlConfig config, List<ConfigProblem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ConfigProblem::isError);
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
