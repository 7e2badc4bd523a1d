package io.neotool.gitops.diff;

import org.jspecify.annotations.Nullable;

/**
 * An image or chart version of a component that moves, appears ({@code before} null) or goes
 * ({@code after} null); {@code subject} is {@code image <repository>} or {@code chart <name>}.
 */
public record VersionChange(
        String cluster,
        String component,
        String subject,
        @Nullable String before,
        @Nullable String after) {}
