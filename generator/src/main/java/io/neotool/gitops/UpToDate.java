package io.neotool.gitops;

import io.neotool.gitops.output.GeneratedLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Whether a complete run would write nothing: the inputs of the last complete run (the generator's
 * code, every file of the config folder, the schema catalog asked for, the lock it wrote) are the
 * same, and every file of the lock is on disk with the content it records. Then generation is
 * skipped; checking the files is the whole cost (their size and time where they are older than the
 * record, their content otherwise). The stamp is a local cache ({@value #STAMP}, not committed): a
 * fresh clone, another branch or any edit runs in full.
 */
final class UpToDate {
    static final String STAMP = ".neotool/cache/inputs.sha256";

    private UpToDate() {}

    /** The fingerprint of a complete run's inputs, taken before it reads them. */
    static String stamp(Path configDir, @Nullable String schemaLocation) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(fingerprint(code()).getBytes(StandardCharsets.UTF_8));
            for (Path file : files(configDir)) {
                digest.update(
                        configDir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            digest.update(String.valueOf(schemaLocation).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The files of the last complete run (the lock's, read once) when it had this stamp and they
     * are all on disk, unchanged; null when the run must be done in full. A file whose size and
     * modification time are those recorded after that run, and older than the record, is unchanged
     * without being read (as git trusts its index); any other file is read and compared with the
     * hash of the lock, so a touched file does not cost a full run and an edit in the record's own
     * clock tick is still seen.
     */
    static @Nullable List<String> unchanged(Path outputDir, String stamp) {
        try {
            Path recorded = outputDir.resolve(STAMP);
            if (!Files.isRegularFile(recorded)) {
                return null;
            }
            List<String> lines = Files.readAllLines(recorded, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).strip().equals(withLock(outputDir, stamp))) {
                return null;
            }
            long recordedAt = nanos(Files.getLastModifiedTime(recorded));
            Map<String, long[]> stats = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3) {
                    stats.put(
                            parts[2],
                            new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
                }
            }
            GeneratedLock lock = GeneratedLock.read(outputDir.resolve(GeneratedLock.PATH));
            // each file checked on every core: the check is the whole cost of a no-op
            boolean same =
                    !lock.entries().isEmpty()
                            && lock.entries().entrySet().parallelStream()
                                    .allMatch(
                                            e ->
                                                    same(
                                                            outputDir.resolve(e.getKey()),
                                                            e.getValue(),
                                                            stats.get(e.getKey()),
                                                            recordedAt));
            return same ? List.copyOf(lock.entries().keySet()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean same(
            Path file, GeneratedLock.Entry entry, long @Nullable [] stat, long recordedAt) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return false;
            }
            long modified = nanos(attributes.lastModifiedTime());
            if (stat != null
                    && stat[0] == attributes.size()
                    && stat[1] == modified
                    && modified < recordedAt) {
                return true;
            }
            return GeneratedLock.sha256(Files.readAllBytes(file)).equals(entry.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    /** Records the inputs of a complete run that succeeded, with the lock it wrote. */
    static void record(Path outputDir, String stamp) {
        try {
            Path file = outputDir.resolve(STAMP);
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder(withLock(outputDir, stamp)).append('\n');
            // each file's size and time, after the write: what the next run compares first (read
            // on every core, written in the lock's order)
            List<String> stats =
                    GeneratedLock.read(outputDir.resolve(GeneratedLock.PATH))
                            .entries()
                            .keySet()
                            .parallelStream()
                            .map(path -> stat(outputDir, path))
                            .toList();
            stats.forEach(line -> text.append(line).append('\n'));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stat(Path outputDir, String path) {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(outputDir.resolve(path), BasicFileAttributes.class);
            return attributes.size() + " " + nanos(attributes.lastModifiedTime()) + " " + path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** The stamp and the lock on disk, together: another lock (a checkout) runs in full. */
    private static String withLock(Path outputDir, String stamp) throws IOException {
        Path lock = outputDir.resolve(GeneratedLock.PATH);
        byte[] bytes = Files.isRegularFile(lock) ? Files.readAllBytes(lock) : new byte[0];
        return GeneratedLock.sha256(
                (stamp + "\n" + GeneratedLock.sha256(bytes)).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The generator's own classes: its jar, or every file of its classes folder. */
    private static List<Path> code() throws IOException {
        try {
            Path location =
                    Path.of(
                            UpToDate.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            return Files.isDirectory(location) ? files(location) : List.of(location);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot find the generator's code", e);
        }
    }

    /**
     * The generator's code by each file's path, size and modification time, not its bytes: a new
     * build or version writes new files, and hashing the code on every run cost more than the check
     * of a small tree (1.8 MB of classes, hashed before the JIT has compiled SHA-256).
     */
    static String fingerprint(List<Path> files) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            out.append(file)
                    .append('|')
                    .append(attributes.size())
                    .append('|')
                    .append(attributes.lastModifiedTime().toMillis())
                    .append('\n');
        }
        return out.toString();
    }
}
