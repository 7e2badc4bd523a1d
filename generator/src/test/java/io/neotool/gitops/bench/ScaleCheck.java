package io.neotool.gitops.bench;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.GenerationResult;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.ValidationResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One large environment end to end, the way {@code mvn neotool:generate} runs it (run by {@code
 * bench/scale.sh} and once by CI under {@code -Xmx512m}; never by the unit tests): generate N apps
 * into an empty repository, generate again (a no-op must write nothing), read the tree back (the
 * floor of a no-op), change one app's replicas and regenerate ({@code -Dneotool.bench.edits=K}
 * times, default 10: the everyday edit), validate it in the JVM; print each time, the objects per
 * second of the validation and the peak heap. With {@code -Dneotool.bench.validations=K} it
 * validates K times more and prints the median of the last runs (the JIT warmed). It writes {@code
 * validate.txt} (objects, first and repeated validation in ms) for the script's ratios to
 * kubeconform. It fails when the output is wrong: files missing, a no-op that writes, a validation
 * problem.
 *
 * <p>Usage: {@code ScaleCheck <work folder> <N> [schema catalog]}.
 */
public final class ScaleCheck {
    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String catalog = args.length > 2 ? args[2] : null;
        Path config = GenerationBench.write(work.resolve("config"), n);
        Path repo = Files.createDirectories(work.resolve("repo"));
        NeotoolGitops gitops = new NeotoolGitops();

        long start = System.nanoTime();
        GenerationResult first = gitops.generate(new GenerationRequest(config, repo, null));
        long generate = System.nanoTime() - start;
        int files = first.files().written().size();
        require(files > 4 * n, "expected more than " + 4 * n + " files, wrote " + files);

        start = System.nanoTime();
        GenerationResult again = gitops.generate(new GenerationRequest(config, repo, null));
        long noop = System.nanoTime() - start;
        require(
                again.files().written().isEmpty(),
                "a no-op regeneration wrote " + again.files().written().size() + " files");

        // the everyday edit: one app's replicas changed, then generate, as a user runs it (a
        // warm JVM, as in Maven's daemon or a second goal of one build); the median of the last
        // half
        int edits = Integer.getInteger("neotool.bench.edits", 10);
        long[] edited = new long[edits];
        Path appsFile =
                Files.isRegularFile(config.resolve("production/apps-1.yaml"))
                        ? config.resolve("production/apps-1.yaml")
                        : config.resolve("production.yaml");
        for (int i = 0; i < edits; i++) {
            String text = Files.readString(appsFile);
            String from = i % 2 == 0 ? "    replicas: 2\n" : "    replicas: 3\n";
            String to = i % 2 == 0 ? "    replicas: 3\n" : "    replicas: 2\n";
            int at = text.indexOf(from, Math.max(0, text.indexOf("\napps:\n")));
            require(at >= 0, "no '" + from.strip() + "' in " + appsFile);
            Files.writeString(
                    appsFile, text.substring(0, at) + to + text.substring(at + from.length()));
            start = System.nanoTime();
            GenerationResult one = gitops.generate(new GenerationRequest(config, repo, null));
            edited[i] = System.nanoTime() - start;
            require(
                    one.files().written().size() <= 3 && !one.files().written().isEmpty(),
                    "one app's replicas changed wrote " + one.files().written());
        }
        long edit = settled(edited);

        start = System.nanoTime();
        long bytes = 0;
        try (Stream<Path> tree = Files.walk(repo)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                bytes += Files.readAllBytes(file).length;
            }
        }
        long readBack = System.nanoTime() - start;

        start = System.nanoTime();
        ValidationResult validation = gitops.validate(config, repo, catalog);
        long validate = System.nanoTime() - start;
        require(
                validation.ok(),
                validation.summary()
                        + "\n"
                        + validation.report().problems().stream().limit(5).toList());
        int objects = validation.report().objects();
        // the same validation repeated in this JVM: its cost once the JIT has compiled the
        // validator
        int repeats = Integer.getInteger("neotool.bench.validations", 0);
        long[] warm = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            start = System.nanoTime();
            ValidationResult repeated = gitops.validate(config, repo, catalog);
            warm[i] = System.nanoTime() - start;
            require(repeated.ok(), repeated.summary());
        }
        long settled = settled(warm);

        Files.writeString(
                work.resolve("validate.txt"),
                objects + " " + validate / 1_000_000 + " " + settled / 1_000_000 + "\n");
        System.out.printf(
                Locale.ROOT,
                "apps %d: %d files (%d MB), %d objects%n"
                        + "  generate           %8.0f ms%n"
                        + "  no-op regenerate   %8.0f ms (%d written), %.2f x reading the tree back (%.0f ms)%n"
                        + "  one app's replicas %8.0f ms to regenerate (median of the last %d of %d edits; the first %.0f ms)%n"
                        + "  validate in-JVM    %8.0f ms, %.0f objects/s%s, the first in this JVM%n"
                        + "%s"
                        + "  heap               %8d MB at most in use (sum of the pools' peaks), -Xmx %d MB%n",
                n,
                files,
                bytes >> 20,
                objects,
                generate / 1e6,
                noop / 1e6,
                again.files().written().size(),
                (double) noop / readBack,
                readBack / 1e6,
                edit / 1e6,
                Math.max(1, edits / 2),
                edits,
                edits == 0 ? 0 : edited[0] / 1e6,
                validate / 1e6,
                objects / (validate / 1e9),
                catalog == null ? " (no schemas)" : " (with schemas)",
                repeats == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "  validate repeated  %8.0f ms, %.0f objects/s (median of the last %d of %d runs)%n",
                                settled / 1e6,
                                objects / (settled / 1e9),
                                Math.max(1, repeats / 2),
                                repeats),
                peakHeap() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** The median of the second half of {@code runs} (the first half warms the JIT), 0 if none. */
    private static long settled(long[] runs) {
        if (runs.length == 0) {
            return 0;
        }
        long[] last = java.util.Arrays.copyOfRange(runs, runs.length / 2, runs.length);
        java.util.Arrays.sort(last);
        return last[last.length / 2];
    }

    private static long peakHeap() {
        long peak = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
