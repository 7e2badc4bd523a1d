package io.neotool.gitops.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Writes the tree to disk: what may be written, kept or removed.
 *
 * <p>Ownership: the lock ({@link GeneratedLock}) lists every file the generator wrote, with its
 * hash. A file whose content matches neither its lock entry nor what is about to be written was
 * edited by hand: the run refuses (nothing written) unless forced. A file the generator does not
 * own is never touched, and {@code clusters/<cluster>/flux-system/} (owned by {@code flux
 * bootstrap}) is never read, written or removed.
 *
 * <p>Crash safety (the file mechanics are {@link OutputFiles}): the new lock is first written as
 * {@code generated.lock.pending} (keeping what earlier interrupted runs recorded there); each file
 * is written to a temporary file in its folder and moved into place atomically; stale files are
 * removed; the lock is replaced last. A run killed at any point leaves every file old or new, never
 * partial, and the next run accepts the contents the pending lock names and finishes the job.
 */
public final class OutputWriter {
    /** The folders the generator writes into, relative to the output root. */
    public static final List<String> OUTPUT_FOLDERS = List.of("clusters", "infrastructure", "apps");

    static final String TEMP_MARK = ".neotool-";
    static final String TEMP_SUFFIX = ".tmp";

    private final Path root;

    public OutputWriter(Path root) {
        this.root = root;
    }

    public WriteResult write(OutputTree tree, Set<String> owners, boolean complete)
            throws IOException {
        return write(tree, owners, complete, false);
    }

    /**
     * Writes the tree: each changed file atomically, the lock last, a pending lock first so that an
     * interrupted run is recognised on the next one.
     *
     * @param owners the configs of this run; files of other configs are left alone
     * @param complete true when the run covers every config, so shared files may be pruned too
     * @param force overwrite and remove hand-edited files instead of refusing
     */
    public WriteResult write(OutputTree tree, Set<String> owners, boolean complete, boolean force)
            throws IOException {
        // a temporary file outside .neotool/ is left only by a run interrupted while it wrote the
        // tree, and such a run leaves its pending lock: without one, only .neotool/ is looked at
        OutputFiles.removeTemporaryFiles(root, !Files.exists(root.resolve(GeneratedLock.PENDING)));
        GeneratedLock lock = GeneratedLock.read(root.resolve(GeneratedLock.PATH));
        Map<String, Set<String>> pending =
                GeneratedLock.readAccepted(root.resolve(GeneratedLock.PENDING));
        List<String> prune = new ArrayList<>();
        for (String path : owned(lock)) {
            OutputTree.OutputFile file = tree.get(path);
            String owner = owner(path, lock);
            boolean ours = owners.contains(owner) || (complete && OutputTree.SHARED.equals(owner));
            if (file == null && ours) {
                prune.add(path);
            }
        }
        Compared compared = Compared.of(tree, this::readUnchecked, lock, pending);
        Set<String> same = compared.same();
        List<String> edited = new ArrayList<>(compared.edited());
        for (String path : prune) {
            if (GeneratedLock.handEdited(path, read(path), null, lock, pending)) {
                edited.add(path);
            }
        }
        if (!edited.isEmpty() && !force) {
            throw new HandEditedException(edited);
        }

        Map<String, GeneratedLock.Entry> next = new TreeMap<>();
        lock.entries()
                .forEach(
                        (path, entry) -> {
                            if (!prune.contains(path) && tree.get(path) == null) {
                                next.put(path, entry);
                            }
                        });
        // the hashes of the next lock, on every core
        tree.files().values().parallelStream()
                .map(
                        f ->
                                Map.entry(
                                        f.path(),
                                        new GeneratedLock.Entry(
                                                GeneratedLock.sha256(f.content()), f.owner())))
                .toList()
                .forEach(e -> next.put(e.getKey(), e.getValue()));
        GeneratedLock nextLock = new GeneratedLock(next);
        recordPending(nextLock, pending);

        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (OutputTree.OutputFile file : tree.files().values()) {
            if (same.contains(file.path())) {
                unchanged.add(file.path());
            } else {
                OutputFiles.atomicWrite(resolve(file.path()), file.content());
                written.add(file.path());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String path : prune) {
            Path target = resolve(path);
            if (Files.deleteIfExists(target)) {
                removed.add(path);
                OutputFiles.deleteEmptyParents(root, target.getParent());
            }
        }
        OutputFiles.atomicWrite(root.resolve(GeneratedLock.PATH), nextLock.bytes());
        Files.deleteIfExists(root.resolve(GeneratedLock.PENDING));
        return new WriteResult(written, unchanged, removed);
    }

    /**
     * Records what this run will write; what interrupted runs may have left stays accepted until
     * one completes.
     */
    void recordPending(GeneratedLock next, Map<String, Set<String>> earlier) throws IOException {
        OutputFiles.atomicWrite(root.resolve(GeneratedLock.PENDING), next.pendingBytes(earlier));
    }

    /** What the working tree holds compared with {@code expected}, for {@code neotool:check}. */
    public Drift drift(OutputTree expected) throws IOException {
        GeneratedLock lock = GeneratedLock.read(root.resolve(GeneratedLock.PATH));
        Map<String, String> changed = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<String> handEdited = new ArrayList<>();
        for (OutputTree.OutputFile file : expected.files().values()) {
            Path target = resolve(file.path());
            if (!Files.isRegularFile(target)) {
                missing.add(file.path());
                continue;
            }
            byte[] disk = Files.readAllBytes(target);
            if (!Arrays.equals(disk, file.content())) {
                changed.put(file.path(), new String(disk, StandardCharsets.UTF_8));
                if (GeneratedLock.handEdited(file.path(), disk, file.content(), lock, Map.of())) {
                    handEdited.add(file.path());
                }
            }
        }
        List<String> stale = new ArrayList<>();
        for (String path : owned(lock)) {
            if (expected.get(path) == null) {
                stale.add(path);
            }
        }
        boolean lockCurrent =
                Arrays.equals(
                        GeneratedLock.lockBytes(expected),
                        Files.isRegularFile(root.resolve(GeneratedLock.PATH))
                                ? Files.readAllBytes(root.resolve(GeneratedLock.PATH))
                                : new byte[0]);
        return new Drift(changed, missing, stale, handEdited, lockCurrent);
    }

    /** The file's bytes, or null when there is none. */
    private byte @Nullable [] readUnchecked(String path) {
        try {
            return read(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte @Nullable [] read(String path) throws IOException {
        Path target = resolve(path);
        return Files.isRegularFile(target) ? Files.readAllBytes(target) : null;
    }

    private @Nullable String owner(String path, GeneratedLock lock) throws IOException {
        GeneratedLock.Entry entry = lock.get(path);
        return entry != null ? entry.owner() : OutputTree.ownerOf(OutputFiles.head(resolve(path)));
    }

    /**
     * Files the generator owns: the lock's entries, and files with our header (older trees),
     * sorted.
     */
    public List<String> owned() throws IOException {
        return owned(GeneratedLock.read(root.resolve(GeneratedLock.PATH)));
    }

    private List<String> owned(GeneratedLock lock) throws IOException {
        TreeSet<String> owned = new TreeSet<>();
        lock.entries().keySet().stream()
                .filter(p -> Files.isRegularFile(resolve(p)))
                .forEach(owned::add);
        for (String relative : files()) {
            if (OutputTree.ownerOf(OutputFiles.head(root.resolve(relative))) != null) {
                owned.add(relative);
            }
        }
        return new ArrayList<>(owned);
    }

    /** Every file under the output folders, outside flux-system, sorted. */
    private List<String> files() throws IOException {
        return listFiles(root).stream().filter(p -> !isBootstrapOwned(p)).toList();
    }

    /**
     * Every file under the output folders of {@code root} (flux-system included, temporary files
     * not), sorted.
     */
    public static List<String> listFiles(Path root) throws IOException {
        return OutputFiles.listFiles(root);
    }

    /** {@code clusters/<cluster>/flux-system/...} belongs to {@code flux bootstrap}. */
    public static boolean isBootstrapOwned(String relative) {
        String[] parts = relative.split("/", -1);
        return parts.length >= 3 && parts[0].equals("clusters") && parts[2].equals("flux-system");
    }

    private Path resolve(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root.normalize()) || isBootstrapOwned(relative)) {
            throw new IllegalArgumentException(
                    "refusing to write outside the output folders: " + relative);
        }
        return path;
    }
}
