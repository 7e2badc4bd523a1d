package io.neotool.gitops.bench;

import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.config.load.ConfigLoader;
import io.neotool.gitops.wiring.Components;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How long the loader takes to refuse the worst inputs (run by {@code bench/config-limits.sh},
 * never by the unit tests): the largest file it reads, one over the limit, the deepest nesting,
 * many keys, and a very long line. Prints the median of several runs after a warm-up.
 */
public final class ConfigLimitsBench {
    private static final int RUNS = 15;

    public static void main(String[] args) {
        int max = ConfigLoader.MAX_BYTES;
        report(
                "largest accepted size (1 MiB of comments)",
                filled("# " + "x".repeat(78) + "\n", max));
        report("over the size limit (1 MiB + 1 byte)", filled("#", max + 1));
        report("deepest nesting (1 MiB of '[')", filled("[", max - 16, "cluster: "));
        report("deep block nesting (500 levels)", blockNesting(500));
        report("many keys (50,000 under one map)", manyKeys(50_000));
        report(
                "one very long line (1 MiB string)",
                ("cluster:\n  name: \"" + "a".repeat(max - 40) + "\"\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] filled(String unit, int size) {
        return filled(unit, size, "");
    }

    private static byte[] filled(String unit, int size, String prefix) {
        StringBuilder text = new StringBuilder(prefix);
        while (text.length() + unit.length() <= size) {
            text.append(unit);
        }
        while (text.length() < size) {
            text.append('#');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] blockNesting(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            text.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] manyKeys(int keys) {
        StringBuilder text = new StringBuilder("cluster:\n");
        for (int i = 0; i < keys; i++) {
            text.append("  key").append(i).append(": v\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String name, byte[] input) {
        String outcome = "";
        long[] times = new long[RUNS];
        for (int warm = 0; warm < 5; warm++) {
            outcome = run(input);
        }
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run(input);
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf(
                Locale.ROOT,
                "%-45s %8d bytes  median %7.1f ms  max %7.1f ms  -> %s%n",
                name,
                input.length,
                times[RUNS / 2] / 1e6,
                times[RUNS - 1] / 1e6,
                outcome);
    }

    private static String run(byte[] input) {
        try {
            Components.loader().parse(input, "config/bench.yaml", null);
            return "accepted";
        } catch (ConfigException e) {
            String first = e.problems().get(0).format();
            return e.problems().size()
                    + " problem(s), first: "
                    + (first.length() > 90 ? first.substring(0, 90) + "..." : first);
        }
    }
}
