package org.jswan.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ConfigLoader} found in a swanctl directory: the model, every problem, and the credential folders
 * that exist (name such as {@code x509} or {@code private} to its path). Use the model only without errors.
 */
public record LoadedConfig(Path directory, SwanctlConfig config, List<ConfigProblem> problems,
                           Map<String, Path> credentialFolders) {

    public LoadedConfig {
        problems = List.copyOf(problems);
        credentialFolders = Map.copyOf(credentialFolders);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ConfigProblem::isError);
    }

    /** The folder's path if it exists, else null. */
    public Path credentialFolder(String name) {
        return credentialFolders.get(name);
    }
}
