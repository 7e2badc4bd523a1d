package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A YAML parse failure as a located config problem, with a hint for the usual mistakes (tabs, an
 * unquoted ': ').
 */
final class YamlErrors {
    private YamlErrors() {}

    static String context(MarkedYamlEngineException e) {
        String context = e.getContext();
        return context == null ? "" : " (" + firstLine(context) + ")";
    }

    static @Nullable String syntaxHint(String problem) {
        if (problem != null && problem.contains("\\t")) {
            return "indent with spaces, never tabs";
        }
        if (problem != null && problem.contains("mapping values are not allowed")) {
            return "a value that contains ': ' must be quoted";
        }
        return null;
    }

    static String firstLine(@Nullable String text) {
        if (text == null) {
            return "unreadable input";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static ConfigProblem syntax(String file, int[] at, String path, MarkedYamlEngineException e) {
        return new ConfigProblem(
                file,
                at[0],
                at[1],
                path,
                "YAML syntax: " + firstLine(e.getProblem()) + context(e),
                syntaxHint(e.getProblem()));
    }

    static ConfigProblem character(String file, int[] at, ReaderException e) {
        return new ConfigProblem(
                file,
                at[0],
                at[1],
                "",
                String.format("the character U+%04X is not allowed in YAML", e.getCodePoint()),
                "remove it; a config is plain text");
    }

    static ConfigProblem other(String file, YamlEngineException e) {
        return new ConfigProblem(file, 1, 1, "", "YAML: " + firstLine(e.getMessage()), null);
    }
}
