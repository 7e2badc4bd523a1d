package io.neotool.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which source file refers to which, for the architecture test: by import or fully qualified name
 * across packages, by simple name within one (where Java needs no import). Its cycles are the
 * strongly connected sets of files (Tarjan's algorithm).
 */
final class FileGraph {
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.])(io\\.neotool\\.gitops(?:\\.[a-z]+)*\\.[A-Z]\\w*)");

    private FileGraph() {}

    /** The source without comments and without its package line. */
    static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//[^\\n]*", "")
                .replaceFirst("(?m)^package [^;]+;", "");
    }

    /** Each file's class (fully qualified) to the classes of the tree it refers to. */
    static Map<String, Set<String>> of(Path root, List<Path> sources) throws IOException {
        Map<String, Path> classes = new TreeMap<>();
        for (Path file : sources) {
            String name = root.relativize(file).toString().replace('/', '.');
            classes.put(name.substring(0, name.length() - ".java".length()), file);
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Map.Entry<String, Path> entry : classes.entrySet()) {
            String from = entry.getKey();
            String pkg = from.substring(0, from.lastIndexOf('.'));
            String code = code(Files.readString(entry.getValue()));
            Set<String> to = new TreeSet<>();
            Matcher m = QUALIFIED.matcher(code);
            while (m.find()) {
                to.add(m.group(1));
            }
            String body = code.replaceAll("(?m)^import [^;]+;", "");
            for (String other : classes.keySet()) {
                String simple = other.substring(other.lastIndexOf('.') + 1);
                if (other.startsWith(pkg + ".")
                        && other.lastIndexOf('.') == pkg.length()
                        && Pattern.compile("(?<![\\w.])" + simple + "\\b").matcher(body).find()) {
                    to.add(other);
                }
            }
            to.retainAll(classes.keySet());
            to.remove(from);
            graph.put(from, to);
        }
        return graph;
    }

    /** The strongly connected sets of more than one file. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).run();
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> out = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> run() {
            graph.keySet()
                    .forEach(
                            v -> {
                                if (!index.containsKey(v)) {
                                    visit(v);
                                }
                            });
            return out;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    out.add(component);
                }
            }
        }
    }
}
