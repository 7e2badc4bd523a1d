package io.neotool.gitops.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code .neotool/generated.lock}: every file the generator owns, with the SHA-256 of the content
 * it wrote and the config it came from. Committed beside the output; a file whose content no longer
 * matches its entry was edited by hand.
 */
public final class GeneratedLock {
    public static final String PATH = ".neotool/generated.lock";
    public static final String PENDING = PATH + ".pending";
    private static final String HEADER =
            "# neotool-gitops: the files neotool:generate owns (sha256, config, path). Written by the generator; do not edit.\n";

    /** One owned file. */
    public record Entry(String sha256, String owner) {}

    private final SortedMap<String, Entry> entries;

    public GeneratedLock(Map<String, Entry> entries) {
        this.entries = new TreeMap<>(entries);
    }

    public static GeneratedLock empty() {
        return new GeneratedLock(Map.of());
    }

    /** Reads the lock at {@code file}; an absent file is an empty lock. */
    public static GeneratedLock read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length != 3 || parts[0].length() != 64) {
                throw new IOException(file + ": not a neotool lock line: " + line);
            }
            entries.put(parts[2], new Entry(parts[0], parts[1]));
        }
        return new GeneratedLock(entries);
    }

    /**
     * The hashes a pending lock accepts per path. A pending lock may name several contents for one
     * path: every run that was interrupted since the last complete one adds what it was writing.
     */
    public static Map<String, java.util.Set<String>> readAccepted(Path file) throws IOException {
        Map<String, java.util.Set<String>> accepted = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return accepted;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            if (parts.length == 3) {
                accepted.computeIfAbsent(parts[2], k -> new java.util.TreeSet<>()).add(parts[0]);
            }
        }
        return accepted;
    }

    /**
     * This lock's lines plus those of {@code earlier} contents still accepted, for a pending lock.
     */
    public byte[] pendingBytes(Map<String, java.util.Set<String>> earlier) {
        StringBuilder text = new StringBuilder(HEADER);
        java.util.SortedSet<String> lines = new java.util.TreeSet<>();
        entries.forEach(
                (path, entry) -> lines.add(path + " " + entry.sha256() + " " + entry.owner()));
        earlier.forEach(
                (path, hashes) -> hashes.forEach(h -> lines.add(path + " " + h + " " + "-")));
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            text.append(parts[1])
                    .append(' ')
                    .append(parts[2])
                    .append(' ')
                    .append(parts[0])
                    .append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public SortedMap<String, Entry> entries() {
        return java.util.Collections.unmodifiableSortedMap(entries);
    }

    public @Nullable Entry get(String path) {
        return entries.get(path);
    }

    public byte[] bytes() {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach(
                (path, entry) ->
                        text.append(entry.sha256())
                                .append(' ')
                                .append(entry.owner())
                                .append(' ')
                                .append(path)
                                .append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the file on disk is ours to replace but holds content the generator never wrote:
     * neither its lock entry, nor the pending lock of an interrupted run, nor {@code next}.
     */
    static boolean handEdited(
            String path,
            byte @Nullable [] disk,
            byte @Nullable [] next,
            GeneratedLock lock,
            Map<String, Set<String>> pending) {
        if (disk == null) {
            return false;
        }
        if (next != null && Arrays.equals(disk, next)) {
            return false;
        }
        String hash = GeneratedLock.sha256(disk);
        GeneratedLock.Entry entry = lock.get(path);
        if (pending.getOrDefault(path, Set.of()).contains(hash)) {
            return false;
        }
        if (entry != null) {
            return !entry.sha256().equals(hash);
        }
        // not in the lock: ours only if it carries our header (trees written before the lock
        // existed)
        return OutputTree.ownerOf(new String(disk, StandardCharsets.UTF_8)) == null;
    }

    /** The lock a complete run over {@code tree} writes. */
    public static byte[] lockBytes(OutputTree tree) {
        Map<String, GeneratedLock.Entry> entries = new TreeMap<>();
        tree.files()
                .values()
                .forEach(
                        f ->
                                entries.put(
                                        f.path(),
                                        new GeneratedLock.Entry(
                                                GeneratedLock.sha256(f.content()), f.owner())));
        return new GeneratedLock(entries).bytes();
    }
}
