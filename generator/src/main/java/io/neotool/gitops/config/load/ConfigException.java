package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/** A config the user has to fix; carries every problem found, each with its location. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + " in the config:\n"
                + problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n"));
    }
}
