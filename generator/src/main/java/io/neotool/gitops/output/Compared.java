package io.neotool.gitops.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The tree about to be written, compared with the disk file by file, on every core (on an everyday
 * edit this is most of the write): which files already hold what they will be written (their disk
 * bytes are not kept), and which were edited by hand since the generator wrote them.
 */
record Compared(Set<String> same, List<String> edited) {
    private record One(String path, boolean same, boolean edited) {}

    /** {@code read} gives a file's bytes or null, and throws {@link UncheckedIOException}. */
    static Compared of(
            OutputTree tree,
            Function<String, byte @Nullable []> read,
            GeneratedLock lock,
            Map<String, Set<String>> pending)
            throws IOException {
        List<One> all;
        try {
            all =
                    tree.files().values().parallelStream()
                            .map(
                                    file -> {
                                        byte[] disk = read.apply(file.path());
                                        return new One(
                                                file.path(),
                                                Arrays.equals(disk, file.content()),
                                                GeneratedLock.handEdited(
                                                        file.path(),
                                                        disk,
                                                        file.content(),
                                                        lock,
                                                        pending));
                                    })
                            .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Set<String> same = new HashSet<>();
        List<String> edited = new ArrayList<>();
        for (One one : all) {
            if (one.same()) {
                same.add(one.path());
            }
            if (one.edited()) {
                edited.add(one.path());
            }
        }
        return new Compared(same, edited);
    }
}
