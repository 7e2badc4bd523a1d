package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.SourceMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An environment spread over several files: the config names them under {@code include} (paths
 * relative to it, inside its folder), and each holds more of the same keys. Apps are appended in
 * the order of the list; infrastructure components may sit in any file, each in one; every other
 * key is set in one file. A problem is located in the file and line it comes from.
 */
final class ConfigIncludes {
    /** More files than any environment needs; past this, something generated the list wrongly. */
    static final int MAX_FILES = 256;

    private ConfigIncludes() {}

    /** The whole environment as one tree, and where each of its keys stands. */
    record Merged(JsonNode tree, SourceMap map) {}

    static Merged merge(
            YAMLMapper mapper,
            ConfigPart main,
            JsonNode mainTree,
            @Nullable Path baseDir,
            List<ConfigProblem> problems) {
        JsonNode include = mainTree.get("include");
        if (!(mainTree instanceof ObjectNode root) || include == null || !include.isArray()) {
            return new Merged(mainTree, main.map()); // the key checker reports the wrong type
        }
        if (baseDir == null) {
            problems.add(
                    main.map()
                            .problem(
                                    "include",
                                    "included files need a config read from a folder",
                                    null));
            return new Merged(mainTree, main.map());
        }
        if (include.size() > MAX_FILES) {
            problems.add(
                    main.map()
                            .problem(
                                    "include",
                                    include.size() + " files, more than the limit of " + MAX_FILES,
                                    "put more apps in each file (up to 1 MiB each)"));
            return new Merged(mainTree, main.map());
        }
        ObjectNode merged = root.deepCopy();
        ArrayNode apps =
                merged.has("apps") && merged.get("apps").isArray()
                        ? (ArrayNode) merged.get("apps")
                        : merged.arrayNode();
        Map<String, String> owners = new HashMap<>();
        merged.propertyNames().forEach(key -> owners.put(key, main.file()));
        JsonNode infra = merged.get("infrastructure");
        ObjectNode components = infra instanceof ObjectNode o ? o : merged.objectNode();
        components.propertyNames().forEach(key -> owners.put("infrastructure." + key, main.file()));
        String folder =
                main.file().contains("/")
                        ? main.file().substring(0, main.file().lastIndexOf('/') + 1)
                        : "";
        List<SourceMap> parts = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        List<Included> located = new ArrayList<>();
        for (int i = 0; i < include.size(); i++) {
            Included file = locate(main, baseDir, folder, include.get(i), i, seen, problems);
            if (file != null) {
                located.add(file);
            }
        }
        // the files are read in parallel (each is parsed twice: its tree and its key locations),
        // then merged in the order the include list gives
        List<Read> reads = located.parallelStream().map(f -> read(mapper, f)).toList();
        for (Read read : reads) {
            problems.addAll(read.problems());
            ConfigPart part = read.part();
            if (part == null || !(read.tree() instanceof ObjectNode partRoot)) {
                continue;
            }
            offsets.add(apps.size());
            parts.add(part.map());
            for (Map.Entry<String, JsonNode> field : partRoot.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.equals("include")) {
                    problems.add(
                            part.map()
                                    .problem(
                                            key,
                                            "an included file cannot include others",
                                            "list every file in " + main.file()));
                } else if (key.equals("apps") && value.isArray()) {
                    value.forEach(apps::add);
                } else if (key.equals("infrastructure") && value instanceof ObjectNode more) {
                    for (Map.Entry<String, JsonNode> c : more.properties()) {
                        String path = "infrastructure." + c.getKey();
                        if (once(owners, path, part, problems)) {
                            components.set(c.getKey(), c.getValue());
                        }
                    }
                } else if (once(owners, key, part, problems)) {
                    merged.set(key, value);
                }
            }
        }
        if (!apps.isEmpty()) {
            merged.set("apps", apps);
        }
        if (!components.isEmpty()) {
            merged.set("infrastructure", components);
        }
        return new Merged(merged, SourceMap.merge(main.map(), parts, offsets));
    }

    /** Whether {@code path} is set for the first time (recorded), else a located problem. */
    private static boolean once(
            Map<String, String> owners,
            String path,
            ConfigPart part,
            List<ConfigProblem> problems) {
        String owner = owners.putIfAbsent(path, part.file());
        if (owner != null) {
            problems.add(
                    part.map()
                            .problem(
                                    path,
                                    "'" + path + "' is also set in " + owner,
                                    "set each key in one file; only apps and infrastructure components may be spread over several"));
            return false;
        }
        return true;
    }

    /** An included file that exists: where it is and the name problems give it. */
    private record Included(Path file, String name) {}

    /** An included file read: its part and tree, or the problems that stopped it. */
    private record Read(
            @Nullable ConfigPart part, @Nullable JsonNode tree, List<ConfigProblem> problems) {}

    private static Read read(YAMLMapper mapper, Included file) {
        ConfigPart part;
        try {
            part = ConfigPart.read(Files.readAllBytes(file.file()), file.name());
        } catch (ConfigException e) {
            return new Read(null, null, e.problems());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.file(), e);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(part.text());
        } catch (JacksonException e) {
            return new Read(
                    part,
                    null,
                    List.of(part.map().problem("", "YAML: " + e.getOriginalMessage(), null)));
        }
        if (!(tree instanceof ObjectNode)) {
            return new Read(
                    part, null, List.of(part.map().problem("", "expected a map of keys", null)));
        }
        return new Read(part, tree, List.of());
    }

    /** One included file, located; null (with a problem) when it cannot be read. */
    private static @Nullable Included locate(
            ConfigPart main,
            Path baseDir,
            String folder,
            JsonNode entry,
            int i,
            Set<Path> seen,
            List<ConfigProblem> problems) {
        String at = "include[" + i + "]";
        if (!entry.isString()) {
            return null; // the key checker reports the wrong type
        }
        String relative = entry.asString();
        Path file = baseDir.resolve(relative).normalize();
        if (!relative.endsWith(".yaml") || !file.startsWith(baseDir.normalize())) {
            problems.add(
                    main.map()
                            .problem(
                                    at,
                                    "'"
                                            + relative
                                            + "' is not a .yaml file inside the config's folder",
                                    "a path relative to the config, e.g. production/apps-1.yaml"));
            return null;
        }
        if (!seen.add(file)) {
            problems.add(main.map().problem(at, "'" + relative + "' is included twice", null));
            return null;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(
                    main.map().problem(at, "no file '" + relative + "' beside the config", null));
            return null;
        }
        return new Included(file, folder + relative.replace('\\', '/'));
    }
}
