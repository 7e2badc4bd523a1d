package io.neotool.gitops.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The file mechanics under the output folders: listing them, writing a file atomically (a temporary
 * file in the same folder, then a move), removing what an interrupted run left behind, pruning
 * folders a removal emptied. What may be written or removed is decided by {@link OutputWriter}.
 */
final class OutputFiles {
    private OutputFiles() {}

    /**
     * Every file under the output folders of {@code root} (flux-system included, temporary files
     * not), sorted.
     */
    static List<String> listFiles(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        for (String folder : OutputWriter.OUTPUT_FOLDERS) {
            Path base = root.resolve(folder);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    if (!isTemporary(path)) {
                        files.add(root.relativize(path).toString().replace('\\', '/'));
                    }
                }
            }
        }
        files.sort(null);
        return files;
    }

    static boolean isTemporary(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".")
                && name.contains(OutputWriter.TEMP_MARK)
                && name.endsWith(OutputWriter.TEMP_SUFFIX);
    }

    /**
     * Removes the temporary files a killed run left behind (never real content); {@code
     * lockFolderOnly}: only under {@code .neotool/} (the caller knows no write of the tree was
     * interrupted).
     */
    static void removeTemporaryFiles(Path root, boolean lockFolderOnly) throws IOException {
        List<Path> roots = new ArrayList<>();
        if (!lockFolderOnly) {
            OutputWriter.OUTPUT_FOLDERS.forEach(f -> roots.add(root.resolve(f)));
        }
        roots.add(root.resolve(".neotool"));
        for (Path base : roots) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path path :
                        (Iterable<Path>)
                                walk.filter(p -> Files.isRegularFile(p) && isTemporary(p))
                                        ::iterator) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    static void atomicWrite(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp =
                Files.createTempFile(
                        target.getParent(),
                        "." + target.getFileName() + OutputWriter.TEMP_MARK,
                        OutputWriter.TEMP_SUFFIX);
        try {
            Files.write(temp, content);
            try {
                Files.move(
                        temp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String head(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return "";
        }
        byte[] head;
        try (var in = Files.newInputStream(path)) {
            head = in.readNBytes(512);
        }
        return new String(head, StandardCharsets.UTF_8);
    }

    static void deleteEmptyParents(Path root, @Nullable Path folder) throws IOException {
        Path stop = root.normalize();
        while (folder != null
                && folder.startsWith(stop)
                && !folder.equals(stop)
                && !OutputWriter.OUTPUT_FOLDERS.contains(stop.relativize(folder).toString())) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(folder);
            folder = folder.getParent();
        }
    }
}
