package io.neotool.gitops.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The output folders as they are at a git revision, read with git (the work tree is not touched).
 */
public final class GitTree {
    private GitTree() {}

    /**
     * Path (relative to {@code folder}) to text of every YAML file and script under the output
     * folders at {@code revision}.
     */
    public static SortedMap<String, String> read(
            Path folder, String revision, List<String> outputFolders) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "git",
                                "-C",
                                folder.toString(),
                                "ls-tree",
                                "-r",
                                "--name-only",
                                revision,
                                "--"));
        command.addAll(outputFolders);
        String listing = new String(run(command, null), StandardCharsets.UTF_8);
        // the manifests, and the scripts a cluster runs by hand (the review names them)
        List<String> paths =
                listing.lines()
                        .filter(p -> p.endsWith(".yaml") || p.endsWith(".sh"))
                        .sorted()
                        .toList();
        StringBuilder requests = new StringBuilder();
        paths.forEach(p -> requests.append(revision).append(":./").append(p).append('\n'));
        byte[] batch =
                run(
                        List.of("git", "-C", folder.toString(), "cat-file", "--batch"),
                        requests.toString().getBytes(StandardCharsets.UTF_8));
        SortedMap<String, String> files = new TreeMap<>();
        int at = 0;
        for (String path : paths) {
            int nl = indexOf(batch, (byte) '\n', at);
            String header = new String(batch, at, nl - at, StandardCharsets.UTF_8);
            String[] parts = header.split(" ", -1);
            if (parts.length != 3 || !parts[1].equals("blob")) {
                throw new IOException(
                        "git cat-file: unexpected answer for " + path + ": " + header);
            }
            int size = Integer.parseInt(parts[2]);
            files.put(path, new String(batch, nl + 1, size, StandardCharsets.UTF_8));
            at = nl + 1 + size + 1;
        }
        return files;
    }

    /**
     * Whether {@code folder} is the top of a git work tree (the repository the output is committed
     * in, not a folder somewhere inside another one) where {@code revision} names a commit.
     */
    public static boolean isRepositoryWithCommit(Path folder, String revision) {
        try {
            Path top = Path.of(git(folder, "rev-parse", "--show-toplevel").strip());
            if (!top.toRealPath().equals(folder.toRealPath())) {
                return false;
            }
            git(folder, "rev-parse", "-q", "--verify", revision + "^{commit}");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code git -C folder args…}: its standard output; a failure throws with git's message. */
    private static String git(Path folder, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        return new String(run(command, null), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("truncated git output");
    }

    private static byte[] run(List<String> command, byte @Nullable [] input) throws IOException {
        Process process =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> copy(process.getErrorStream(), err));
        errors.start();
        if (input != null) {
            Thread writer =
                    new Thread(
                            () -> {
                                try (OutputStream in = process.getOutputStream()) {
                                    in.write(input);
                                } catch (IOException ignored) {
                                    // git exited early; its error says why
                                }
                            });
            writer.start();
        } else {
            process.getOutputStream().close();
        }
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                errors.join(1000);
                throw new IOException(
                        String.join(" ", command)
                                + " failed: "
                                + err.toString(StandardCharsets.UTF_8).trim());
            }
            errors.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return out;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the exit status reports the failure
        }
    }
}
