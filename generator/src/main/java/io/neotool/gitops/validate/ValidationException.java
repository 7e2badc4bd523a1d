package io.neotool.gitops.validate;

import java.util.List;
import java.util.stream.Collectors;

/** The tree has problems; nothing that depends on it may go on (generate writes nothing). */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<ValidationProblem> problems;

    public ValidationException(List<ValidationProblem> problems) {
        super(
                problems.size()
                        + (problems.size() == 1 ? " problem" : " problems")
                        + " in the manifests:\n"
                        + problems.stream()
                                .map(p -> "  " + p.format())
                                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
