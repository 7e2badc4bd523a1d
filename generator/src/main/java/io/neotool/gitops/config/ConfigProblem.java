package io.neotool.gitops.config;

import org.jspecify.annotations.Nullable;

/**
 * One mistake in a config file, located for the person who has to fix it: {@code
 * config/production.yaml:12:5: apps[2].replicas: expected a positive integer, got -1}.
 *
 * @param file the config file as the user knows it (relative to the working folder where possible)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param path the key path inside the file ({@code cluster.name}, {@code apps[2].port}); empty for
 *     the whole file
 * @param message what is wrong
 * @param hint how to fix it, or {@code null}
 * @param label the path as shown to a person: an app named beside its index ({@code apps[3]
 *     (billing-service).replicas}); the path itself where there is nothing to add
 */
public record ConfigProblem(
        String file,
        int line,
        int column,
        String path,
        String message,
        @Nullable String hint,
        @Nullable String label) {

    public ConfigProblem(
            String file, int line, int column, String path, String message, @Nullable String hint) {
        this(file, line, column, path, message, hint, path);
    }

    public String format() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line).append(':').append(column);
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(label == null ? path : label).append(": ");
        }
        text.append(message);
        if (hint != null) {
            text.append(" (hint: ").append(hint).append(')');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
