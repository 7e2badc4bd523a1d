package io.neotool.gitops.validate;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The files of a tree as the validator reads them: their paths, and a file's text when a check asks
 * for it (read from disk or decoded then, and not kept by the tree), so that validating a large
 * tree does not hold every text beside every parsed object.
 */
public final class TreeFiles {
    private final NavigableSet<String> paths;
    private final Function<String, String> reader;

    private TreeFiles(Collection<String> paths, Function<String, String> reader) {
        this.paths = new TreeSet<>(paths);
        this.reader = reader;
    }

    /** Files whose texts are already in memory: relative path to text. */
    public static TreeFiles of(SortedMap<String, String> texts) {
        return new TreeFiles(texts.keySet(), path -> texts.get(path));
    }

    /** Files read when asked: {@code reader} gives the text of each of {@code paths}. */
    public static TreeFiles lazy(Collection<String> paths, Function<String, String> reader) {
        return new TreeFiles(paths, reader);
    }

    /** Every path, sorted. */
    public NavigableSet<String> paths() {
        return paths;
    }

    boolean contains(String path) {
        return paths.contains(path);
    }

    /** The text of a file of the tree, or null for a path that is not one. */
    @Nullable String text(String path) {
        return paths.contains(path) ? reader.apply(path) : null;
    }

    /** Whether some file lies below {@code folder}. */
    boolean isFolder(String folder) {
        String prefix = folder + "/";
        String next = paths.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }

    /** The files below {@code folder}, at any depth. */
    SortedSet<String> under(String folder) {
        return paths.subSet(folder + "/", folder + "/\uffff");
    }
}
