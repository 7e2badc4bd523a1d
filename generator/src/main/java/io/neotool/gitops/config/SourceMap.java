package io.neotool.gitops.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each key path of a config file stands (line and column of its key, or of a list item), read
 * from the YAML event stream. The same pass rejects what Jackson would silently accept: duplicate
 * keys, anchors and aliases, several documents, and keys that are not plain strings.
 */
public final class SourceMap {
    /** Deeper than any real config; deeper input is refused before Jackson sees it. */
    public static final int MAX_DEPTH = 32;

    public static final java.util.regex.Pattern APP =
            java.util.regex.Pattern.compile("^apps\\[\\d+\\]");

    private final String file;
    private final Map<String, int[]> locations;

    /**
     * The {@code name} of each list item that has one ({@code apps[3]} → {@code billing-service}).
     */
    private final Map<String, String> names;

    /** The file of each path read from an included file (the others are in {@link #file}). */
    private final Map<String, String> files;

    public SourceMap(String file, Map<String, int[]> locations, Map<String, String> names) {
        this(file, locations, names, Map.of());
    }

    private SourceMap(
            String file,
            Map<String, int[]> locations,
            Map<String, String> names,
            Map<String, String> files) {
        this.file = file;
        this.locations = locations;
        this.names = names;
        this.files = files;
    }

    /**
     * The map of an environment spread over files: {@code main}'s paths, then each part's, its apps
     * numbered after the {@code offsets.get(i)} apps before it.
     */
    public static SourceMap merge(SourceMap main, List<SourceMap> parts, List<Integer> offsets) {
        Map<String, int[]> locations = new java.util.HashMap<>(main.locations);
        Map<String, String> names = new java.util.HashMap<>(main.names);
        Map<String, String> files = new java.util.HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            SourceMap part = parts.get(i);
            int offset = offsets.get(i);
            part.locations.forEach(
                    (path, at) -> {
                        String shifted = shift(path, offset);
                        if (locations.putIfAbsent(shifted, at) == null) {
                            files.put(shifted, part.file);
                        }
                    });
            part.names.forEach((path, name) -> names.put(shift(path, offset), name));
        }
        return new SourceMap(main.file, locations, names, files);
    }

    /** {@code apps[3].port} of a part whose apps come after 10 others: {@code apps[13].port}. */
    private static String shift(String path, int offset) {
        java.util.regex.Matcher m = APP_INDEX.matcher(path);
        if (offset == 0 || !m.find()) {
            return path;
        }
        return "apps[" + (Integer.parseInt(m.group(1)) + offset) + "]" + path.substring(m.end());
    }

    private static final java.util.regex.Pattern APP_INDEX =
            java.util.regex.Pattern.compile("^apps\\[(\\d+)\\]");

    /** The problem located at {@code path}, or at its closest located ancestor, in its file. */
    public ConfigProblem problem(String path, String message, @Nullable String hint) {
        String located = located(path);
        int[] at = locations.getOrDefault(located, new int[] {1, 1});
        return new ConfigProblem(
                files.getOrDefault(located, file), at[0], at[1], path, message, hint, label(path));
    }

    /** {@code path} with the app it is about named: {@code apps[3] (billing-service).replicas}. */
    public String label(String path) {
        java.util.regex.Matcher m = APP.matcher(path);
        if (m.find() && names.containsKey(m.group())) {
            return m.group() + " (" + names.get(m.group()) + ")" + path.substring(m.end());
        }
        return path;
    }

    public int[] locate(String path) {
        return locations.getOrDefault(located(path), new int[] {1, 1});
    }

    /** {@code path}, or its closest ancestor with a location ("" when none has one). */
    private String located(String path) {
        String p = path;
        while (!p.isEmpty() && !locations.containsKey(p)) {
            p = parent(p);
        }
        return p;
    }

    public String file() {
        return file;
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** The keys written directly under the mapping at {@code path}, with their locations. */
    public Map<String, int[]> childKeys(String path) {
        Map<String, int[]> children = new java.util.TreeMap<>();
        String prefix = path.isEmpty() ? "" : path + ".";
        locations.forEach(
                (p, at) -> {
                    if (p.startsWith(prefix)) {
                        String rest = p.substring(prefix.length());
                        if (!rest.isEmpty() && rest.indexOf('.') < 0 && rest.indexOf('[') < 0) {
                            children.put(rest, at);
                        }
                    }
                });
        return children;
    }

    /** Whether the file located no key at all. */
    public boolean isEmpty() {
        return locations.isEmpty();
    }

    /** Every located path, for tests and tools. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(locations.keySet());
        paths.sort(null);
        return paths;
    }
}
