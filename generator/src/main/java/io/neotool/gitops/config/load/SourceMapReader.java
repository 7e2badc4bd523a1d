package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.SourceMap;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a config's YAML event stream into a SourceMap: the line and column of every key and list
 * item, refusing duplicate keys, anchors and aliases, several documents, keys that are not plain
 * strings and nesting past the limit; a syntax error becomes a located problem with a hint.
 */
final class SourceMapReader {
    private SourceMapReader() {}

    /** Reads {@code text}; returns the map, or adds to {@code problems} and returns null. */
    static @Nullable SourceMap read(String file, String text, List<ConfigProblem> problems) {
        LoadSettings settings =
                LoadSettings.builder()
                        .setLabel(file)
                        .setAllowDuplicateKeys(false)
                        .setMaxAliasesForCollections(0)
                        .setCodePointLimit(ConfigLoader.MAX_BYTES)
                        .build();
        Map<String, int[]> locations = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int documents = 0;
        int before = problems.size();
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                int[] at = position(event);
                if (event instanceof DocumentStartEvent) {
                    documents++;
                    if (documents > 1) {
                        problems.add(
                                new ConfigProblem(
                                        file,
                                        at[0],
                                        at[1],
                                        "",
                                        "a config holds one YAML document, this is document "
                                                + documents,
                                        "remove the '---' separator and merge the documents"));
                        return null;
                    }
                    continue;
                }
                if (event instanceof NodeEvent node
                        && !(event instanceof AliasEvent)
                        && node.getAnchor().isPresent()) {
                    problems.add(
                            new ConfigProblem(
                                    file,
                                    at[0],
                                    at[1],
                                    currentPath(stack),
                                    "YAML anchors (&"
                                            + node.getAnchor().get().getValue()
                                            + ") are not allowed",
                                    "write the values out in full; the config is read by people in reviews"));
                }
                if (event instanceof AliasEvent alias) {
                    problems.add(
                            new ConfigProblem(
                                    file,
                                    at[0],
                                    at[1],
                                    currentPath(stack),
                                    "YAML aliases (*"
                                            + alias.getAlias().getValue()
                                            + ") are not allowed",
                                    "write the values out in full; the config is read by people in reviews"));
                    onValue(stack);
                    continue;
                }
                switch (event.getEventId()) {
                    case Scalar -> {
                        Frame top = stack.peek();
                        if (top != null && top.mapping && top.key == null) {
                            String key = ((ScalarEvent) event).getValue();
                            String path = top.path.isEmpty() ? key : top.path + "." + key;
                            int[] first = top.keys.putIfAbsent(key, at);
                            if (first != null) {
                                problems.add(
                                        new ConfigProblem(
                                                file,
                                                at[0],
                                                at[1],
                                                path,
                                                "duplicate key '"
                                                        + key
                                                        + "' (first at line "
                                                        + first[0]
                                                        + ")",
                                                "keep one of the two entries"));
                            }
                            top.key = key;
                            locations.putIfAbsent(path, at);
                        } else {
                            if (top != null
                                    && top.mapping
                                    && "name".equals(top.key)
                                    && SourceMap.APP.matcher(top.path).matches()) {
                                names.put(top.path, ((ScalarEvent) event).getValue());
                            }
                            markItem(stack, locations, at);
                            onValue(stack);
                        }
                    }
                    case MappingStart, SequenceStart -> {
                        Frame top = stack.peek();
                        if (top != null && top.mapping && top.key == null) {
                            problems.add(
                                    new ConfigProblem(
                                            file,
                                            at[0],
                                            at[1],
                                            top.path,
                                            "a key must be a plain name, not a list or a map",
                                            null));
                            return null;
                        }
                        markItem(stack, locations, at);
                        String path = currentPath(stack);
                        if (stack.size() >= SourceMap.MAX_DEPTH) {
                            problems.add(
                                    new ConfigProblem(
                                            file,
                                            at[0],
                                            at[1],
                                            path,
                                            "nesting deeper than "
                                                    + SourceMap.MAX_DEPTH
                                                    + " levels",
                                            "a config is at most a few levels deep"));
                            return null;
                        }
                        stack.push(new Frame(path, event instanceof MappingStartEvent));
                    }
                    case MappingEnd, SequenceEnd -> {
                        stack.pop();
                        onValue(stack);
                    }
                    default -> {}
                }
            }
        } catch (MarkedYamlEngineException e) {
            int[] at = e.getProblemMark().map(SourceMapReader::position).orElse(new int[] {1, 1});
            problems.add(YamlErrors.syntax(file, at, currentPath(stack), e));
            return null;
        } catch (ReaderException e) {
            problems.add(YamlErrors.character(file, position(text, e.getPosition()), e));
            return null;
        } catch (YamlEngineException e) {
            problems.add(YamlErrors.other(file, e));
            return null;
        }
        return problems.size() == before ? new SourceMap(file, locations, names) : null;
    }

    static void markItem(Deque<Frame> stack, Map<String, int[]> locations, int[] at) {
        Frame top = stack.peek();
        if (top != null && !top.mapping) {
            locations.putIfAbsent(top.path + "[" + top.index + "]", at);
        }
    }

    static void onValue(Deque<Frame> stack) {
        Frame top = stack.peek();
        if (top == null) {
            return;
        }
        if (top.mapping) {
            top.key = null;
        } else {
            top.index++;
        }
    }

    static String currentPath(Deque<Frame> stack) {
        Frame top = stack.peek();
        if (top == null) {
            return "";
        }
        if (top.mapping) {
            return top.key == null
                    ? top.path
                    : top.path.isEmpty() ? top.key : top.path + "." + top.key;
        }
        return top.path + "[" + top.index + "]";
    }

    /** Line and column of the code point at {@code index}. */
    static int[] position(String text, int index) {
        int end =
                text.offsetByCodePoints(0, Math.min(index, text.codePointCount(0, text.length())));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, text.codePointCount(lineStart, end) + 1};
    }

    static int[] position(Event event) {
        return event.getStartMark().map(SourceMapReader::position).orElse(new int[] {0, 0});
    }

    static int[] position(Mark mark) {
        return new int[] {mark.getLine() + 1, mark.getColumn() + 1};
    }

    private static final class Frame {
        final String path;
        final boolean mapping;
        final Map<String, int[]> keys = new HashMap<>();
        @Nullable String key;
        int index;

        Frame(String path, boolean mapping) {
            this.path = path;
            this.mapping = mapping;
        }
    }
}
