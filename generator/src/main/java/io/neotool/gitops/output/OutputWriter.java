package io.neotool.gitops.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The only code that touches the disk. Writes files whose content changed (to a temporary file in
 * the same folder, then an atomic move), leaves identical files alone, and removes files that carry
 * our header, belong to a config of this run, and are no longer produced. A file without our header
 * is never touched, and {@code clusters/<cluster>/flux-system/} (owned by {@code flux bootstrap}) is
 * never read, written or removed.
 */
public final class OutputWriter {
    /** The folders the generator writes into, relative to the output root. */
    public static final List<String> OUTPUT_FOLDERS = List.of("clusters", "infrastructure", "apps");

    private final Path root;

    public OutputWriter(Path root) {
        this.root = root;
    }

    /**
     * @param owners the configs of this run; files of other configs are left alone
     * @param complete true when the run covers every config, so shared files may be pruned too
     */
    public WriteResult write(OutputTree tree, Set<String> owners, boolean complete) throws IOException {
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (OutputTree.OutputFile file : tree.files().values()) {
            Path target = resolve(file.path());
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), file.content())) {
                unchanged.add(file.path());
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, file.content());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(file.path());
        }
        List<String> removed = new ArrayList<>();
        for (String path : owned()) {
            if (tree.get(path) != null) {
                continue;
            }
            String owner = OutputTree.ownerOf(Files.readString(resolve(path), StandardCharsets.UTF_8));
            boolean ours = owners.contains(owner) || (complete && OutputTree.SHARED.equals(owner));
            if (ours) {
                Files.delete(resolve(path));
                removed.add(path);
                deleteEmptyParents(resolve(path).getParent());
            }
        }
        return new WriteResult(written, unchanged, removed);
    }

    /** Every file under the output folders that carries our header (outside flux-system), sorted. */
    public List<String> owned() throws IOException {
        List<String> owned = new ArrayList<>();
        for (String folder : OUTPUT_FOLDERS) {
            Path base = root.resolve(folder);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path path : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    String relative = root.relativize(path).toString().replace('\\', '/');
                    if (isBootstrapOwned(relative) || !relative.endsWith(".yaml")) {
                        continue;
                    }
                    if (OutputTree.ownerOf(firstLine(path)) != null) {
                        owned.add(relative);
                    }
                }
            }
        }
        owned.sort(null);
        return owned;
    }

    /** {@code clusters/<cluster>/flux-system/...} belongs to {@code flux bootstrap}. */
    public static boolean isBootstrapOwned(String relative) {
        String[] parts = relative.split("/");
        return parts.length >= 3 && parts[0].equals("clusters") && parts[2].equals("flux-system");
    }

    private Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root.normalize()) || isBootstrapOwned(relative)) {
            throw new IllegalArgumentException("refusing to write outside the output folders: " + relative);
        }
        return path;
    }

    private static String firstLine(Path path) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(path)) {
            head = in.readNBytes(512);
        }
        return new String(head, StandardCharsets.UTF_8);
    }

    private void deleteEmptyParents(Path folder) throws IOException {
        Path stop = root.normalize();
        while (folder != null && folder.startsWith(stop) && !folder.equals(stop)
                && !OUTPUT_FOLDERS.contains(stop.relativize(folder).toString())) {
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
