package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets one run report every mistake it can: when the structure of some parts is wrong, the keys at
 * fault are taken out (each then takes its default) so that the rest binds and its values are
 * checked in the same run. A value problem inside a part that had a structural one is not reported
 * (it may come from the default put in place of the mistake). A part is one app ({@code apps[2]}),
 * one component's settings ({@code infrastructure.postgres}) or another top-level key.
 */
final class ConfigRepair {
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private ConfigRepair() {}

    /**
     * The tree with the keys at fault removed, or null when some mistake cannot be taken out so (a
     * missing required key, a wrong item of a list, a key path that cannot be followed).
     */
    static @Nullable JsonNode withoutMistakes(JsonNode tree, List<ConfigProblem> structural) {
        JsonNode copy = tree.deepCopy();
        for (ConfigProblem problem : structural) {
            if (problem.message().startsWith("missing required key")) {
                return null;
            }
            List<String> keys = keys(problem.path());
            if (keys == null || keys.isEmpty()) {
                return null;
            }
            JsonNode parent = copy;
            for (String key : keys.subList(0, keys.size() - 1)) {
                parent = key.startsWith("[") ? parent.path(index(key)) : parent.path(key);
            }
            String last = keys.get(keys.size() - 1);
            if (last.startsWith("[") || !(parent instanceof ObjectNode object)) {
                return null;
            }
            object.remove(last);
        }
        return copy;
    }

    /**
     * The part a key path lies in: {@code apps[2]}, {@code infrastructure.postgres}, {@code
     * cluster}.
     */
    static String part(String path) {
        List<String> keys = keys(path);
        if (keys == null || keys.isEmpty()) {
            return path;
        }
        String first = keys.get(0);
        if (keys.size() > 1 && (first.equals("infrastructure") || keys.get(1).startsWith("["))) {
            return keys.get(1).startsWith("[") ? first + keys.get(1) : first + "." + keys.get(1);
        }
        return first;
    }

    /** Whether {@code path} lies in {@code part}. */
    static boolean within(String path, String part) {
        return path.equals(part) || path.startsWith(part + ".") || path.startsWith(part + "[");
    }

    /** The keys of a path ({@code [2]} for an index), or null when it cannot be split so. */
    private static @Nullable List<String> keys(String path) {
        List<String> keys = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !(m.start() == end + 1 && path.charAt(end) == '.')) {
                return null;
            }
            keys.add(m.group(1) != null ? m.group(1) : "[" + m.group(2) + "]");
            end = m.end();
        }
        return end == path.length() ? keys : null;
    }

    private static int index(String key) {
        return Integer.parseInt(key.substring(1, key.length() - 1));
    }
}
