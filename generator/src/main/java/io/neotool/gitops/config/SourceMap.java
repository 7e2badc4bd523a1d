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

    static final java.util.regex.Pattern APP = java.util.regex.Pattern.compile("^apps\\[\\d+\\]");

    private final String file;
    private final Map<String, int[]> locations;

    /**
     * The {@code name} of each list item that has one ({@code apps[3]} → {@code billing-service}).
     */
    private final Map<String, String> names;

    SourceMap(String file, Map<String, int[]> locations, Map<String, String> names) {
        this.file = file;
        this.locations = locations;
        this.names = names;
    }

    /** The problem located at {@code path}, or at its closest located ancestor. */
    public ConfigProblem problem(String path, String message, @Nullable String hint) {
        int[] at = locate(path);
        return new ConfigProblem(file, at[0], at[1], path, message, hint, label(path));
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
        String p = path;
        while (true) {
            int[] at = locations.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new int[] {1, 1};
            }
            p = parent(p);
        }
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

    /** Every located path, for tests and tools. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(locations.keySet());
        paths.sort(null);
        return paths;
    }
}
