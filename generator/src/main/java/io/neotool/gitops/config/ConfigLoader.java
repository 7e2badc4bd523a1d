package io.neotool.gitops.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code config/<env>.yaml} strictly into an {@link EnvironmentConfig}: unknown keys,
 * duplicate keys, wrong types, coerced scalars, missing required keys, anchors and aliases all fail
 * with the file, line, column and key path; then {@link ConfigValidator} checks what types cannot.
 */
public final class ConfigLoader {
    /** A real config is a few KiB; anything past this is refused before parsing. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Past this many problems, a report helps nobody: the rest are counted, not listed. */
    public static final int MAX_PROBLEMS = 50;

    private final List<SettingsKey<?>> settings;
    private final YAMLMapper mapper;

    /**
     * A loader for configs whose {@code infrastructure} holds these components' settings (the
     * component registry's list).
     */
    public ConfigLoader(List<SettingsKey<?>> settings) {
        this.settings = List.copyOf(settings);
        this.mapper = ConfigMapper.of(this.settings);
    }

    /** Loads and validates {@code file}, naming it {@code displayName} in every problem. */
    public LoadedConfig load(Path file, String displayName) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw fail(
                        new ConfigProblem(
                                displayName,
                                1,
                                1,
                                "",
                                "the file is larger than the limit of " + MAX_BYTES + " bytes",
                                "a config is a few KiB"));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + displayName, e);
        }
        return parse(bytes, displayName, file.toAbsolutePath().getParent());
    }

    /** Loads config text already in memory; {@code baseDir} resolves files the config names. */
    public LoadedConfig parse(byte[] bytes, String displayName, @Nullable Path baseDir) {
        if (bytes.length > MAX_BYTES) {
            throw fail(
                    new ConfigProblem(
                            displayName,
                            1,
                            1,
                            "",
                            "the file is larger than the limit of " + MAX_BYTES + " bytes",
                            "a config is a few KiB"));
        }
        String text = decode(bytes, displayName);
        if (text.isBlank()) {
            throw fail(
                    new ConfigProblem(
                            displayName,
                            1,
                            1,
                            "",
                            "the file is empty",
                            "start from config/production.yaml"));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        SourceMap map = SourceMapReader.read(displayName, text, problems);
        if (map == null) {
            throw new ConfigException(problems);
        }
        if (map.paths().isEmpty()) {
            throw fail(
                    new ConfigProblem(
                            displayName,
                            1,
                            1,
                            "",
                            "the file holds no settings",
                            "start from config/production.yaml"));
        }
        try {
            new KeyChecker(map, problems, settings)
                    .check(mapper.readTree(text), EnvironmentConfig.class, "");
        } catch (JacksonException e) {
            problems.add(describe(e, map));
        }
        EnvironmentConfig config = null;
        if (problems.isEmpty()) {
            // The structure is right; binding is the safety net for what the walk does not see.
            try {
                config = mapper.readValue(text, EnvironmentConfig.class);
                if (config == null) {
                    problems.add(
                            new ConfigProblem(
                                    displayName, 1, 1, "", "the file holds no settings", null));
                }
            } catch (JacksonException e) {
                problems.add(describe(e, map));
            }
        }
        if (config != null && problems.isEmpty()) {
            new ConfigValidator(map, baseDir, config, problems).validate();
        }
        if (config == null || !problems.isEmpty()) {
            throw new ConfigException(sorted(problems));
        }
        return new LoadedConfig(displayName, config, map, baseDir);
    }

    /** In file order, each location and message once, at most {@link #MAX_PROBLEMS} of them. */
    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        List<ConfigProblem> all =
                problems.stream()
                        .distinct()
                        .sorted(
                                Comparator.comparingInt(ConfigProblem::line)
                                        .thenComparingInt(ConfigProblem::column)
                                        .thenComparing(ConfigProblem::path)
                                        .thenComparing(ConfigProblem::message))
                        .toList();
        if (all.size() <= MAX_PROBLEMS) {
            return all;
        }
        List<ConfigProblem> shown = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
        ConfigProblem next = all.get(MAX_PROBLEMS);
        shown.add(
                new ConfigProblem(
                        next.file(),
                        next.line(),
                        next.column(),
                        "",
                        (all.size() - MAX_PROBLEMS) + " more problems not shown",
                        "fix these first; is this the right file?"));
        return shown;
    }

    private static String decode(byte[] bytes, String displayName) {
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw fail(
                    new ConfigProblem(
                            displayName,
                            line,
                            offset - lineStart + 1,
                            "",
                            "the file is not valid UTF-8 (byte 0x"
                                    + String.format("%02x", bytes[offset] & 0xff)
                                    + ")",
                            "save it as UTF-8; binary files are not configs"));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            String before = text.substring(0, nul);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            throw fail(
                    new ConfigProblem(
                            displayName,
                            line,
                            nul - before.lastIndexOf('\n'),
                            "",
                            "the file contains a NUL character",
                            "binary files are not configs"));
        }
        return text;
    }

    private static ConfigException fail(ConfigProblem problem) {
        return new ConfigException(List.of(problem));
    }

    /**
     * A Jackson error, located. Unknown keys, wrong types, missing keys and enum values are found
     * by {@link KeyChecker} before binding runs, so what reaches here is what that walk cannot see.
     */
    private static ConfigProblem describe(JacksonException e, SourceMap map) {
        String path = path(e);
        int[] at =
                e.getLocation() != null && e.getLocation().getLineNr() > 0
                        ? new int[] {e.getLocation().getLineNr(), e.getLocation().getColumnNr()}
                        : map.locate(path);
        return new ConfigProblem(
                map.file(), at[0], at[1], path, firstLine(e.getOriginalMessage()), null);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The key path of a Jackson error, in the config's own notation ({@code apps[2].port}). */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
