package io.neotool.gitops.bench;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The in-memory generation of the same environment ({@link GenerationBench#write}) on one node and
 * on three ({@code bench/topology.sh}), rendered in turn in one JVM so that both see the same
 * machine (separate JMH forks one after the other drift by more than the difference on a shared
 * two-core machine): warm-up rounds, then {@code rounds} alternating renders of each, a collection
 * before each; the medians and their ratio. Exits 1 when three nodes cost more than 10 % more.
 *
 * <p>Usage: {@code TopologyBench <work dir> [apps] [rounds]}
 */
public final class TopologyBench {
    private TopologyBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int apps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 31;
        NeotoolGitops gitops = new NeotoolGitops();
        List<LoadedConfig> one =
                gitops.load(
                        GenerationBench.write(
                                Files.createDirectories(work.resolve("one")), apps, false));
        List<LoadedConfig> three =
                gitops.load(
                        GenerationBench.write(
                                Files.createDirectories(work.resolve("three")), apps, true));
        int oneFiles = gitops.render(one).files().size();
        int threeFiles = gitops.render(three).files().size();
        for (int i = 0; i < 8; i++) {
            gitops.render(one);
            gitops.render(three);
        }
        List<Long> single = new ArrayList<>();
        List<Long> ha = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            single.add(time(gitops, one));
            ha.add(time(gitops, three));
        }
        Collections.sort(single);
        Collections.sort(ha);
        double s = single.get(rounds / 2) / 1e6;
        double h = ha.get(rounds / 2) / 1e6;
        System.out.printf(
                "generate %d apps, median of %d alternating renders: single-node %.1f ms (%d files), ha %.1f ms (%d files), ha/single-node %.3f%n",
                apps, rounds, s, oneFiles, h, threeFiles, h / s);
        System.exit(h / s <= 1.10 ? 0 : 1);
    }

    private static long time(NeotoolGitops gitops, List<LoadedConfig> config) {
        System.gc();
        long start = System.nanoTime();
        gitops.render(config);
        return System.nanoTime() - start;
    }
}
