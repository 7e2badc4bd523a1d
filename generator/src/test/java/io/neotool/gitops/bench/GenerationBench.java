package io.neotool.gitops.bench;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * How generation scales with the number of apps (run by {@code bench/generation.sh}, never by the
 * unit tests). For environments of N apps derived from the fixture production config (each with a
 * database, a topic, a secret, a metrics port, every fifth one public), it prints the median time,
 * after a warm-up, of the in-JVM generation next to Jackson writing the same objects (the floor),
 * their ratio, and the time per app, so that a step that grows faster than the tree shows as a
 * rising per-app cost.
 *
 * <p>Usage: {@code GenerationBench <work folder> <N>...}; writes the synthetic configs there.
 */
public final class GenerationBench {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** How long each side runs before it is timed, in nanoseconds. */
    private static final long WARM_UP = 10_000_000_000L;

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        int[] sizes = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        System.out.printf(
                Locale.ROOT,
                "%8s %10s %12s %10s %8s %12s%n",
                "apps",
                "objects",
                "generate ms",
                "jackson ms",
                "ratio",
                "ms per app");
        for (int n : sizes) {
            Path config = write(work.resolve("apps-" + n), n);
            NeotoolGitops gitops = new NeotoolGitops();
            List<LoadedConfig> loaded = gitops.load(config);
            int runs = n >= 5000 ? 3 : 7;
            // the JIT needs about fifteen generations of 1,000 apps to settle (measured: 2.4 s,
            // 0.9 s, ... then 240-260 ms from the fifteenth on): warm up for 10 s, 3 runs at least
            long[] generate = new long[runs];
            OutputTree tree = gitops.render(loaded);
            for (long until = System.nanoTime() + WARM_UP, i = 0;
                    i < 3 || System.nanoTime() < until;
                    i++) {
                tree = gitops.render(loaded);
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                tree = gitops.render(loaded);
                generate[i] = System.nanoTime() - start;
            }
            List<JsonNode> objects = new ArrayList<>();
            for (OutputTree.OutputFile file : tree.files().values()) {
                if (file.path().endsWith(".yaml")) {
                    objects.add(YAML.readTree(file.text()));
                }
            }
            long[] jackson = new long[runs];
            long bytes = 0;
            for (long until = System.nanoTime() + WARM_UP, i = 0;
                    i < 3 || System.nanoTime() < until;
                    i++) {
                for (JsonNode object : objects) {
                    bytes += YAML.writeValueAsString(object).length();
                }
            }
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                for (JsonNode object : objects) {
                    bytes += YAML.writeValueAsString(object).length();
                }
                jackson[i] = System.nanoTime() - start + (bytes < 0 ? 1 : 0);
            }
            double g = median(generate) / 1e6;
            double j = median(jackson) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "%8d %10d %12.0f %10.0f %8.1f %12.3f%n",
                    n,
                    objects.size(),
                    g,
                    j,
                    g / j,
                    g / n);
        }
    }

    /** Apps per file: a file of this shape stays well under the 1 MiB limit. */
    static final int APPS_PER_FILE = 1000;

    /**
     * A config folder with production's infrastructure and {@code n} apps: in {@code
     * production.yaml} up to {@link #APPS_PER_FILE}, past that in files it names under {@code
     * include} ({@code production/apps-K.yaml}), as a large environment is written.
     */
    static Path write(Path folder, int n) throws IOException {
        return write(folder, n, false);
    }

    /**
     * {@code n} apps in the fixture production config, on three nodes when {@code ha} (as a user
     * moves it: {@link io.neotool.gitops.TestSupport#ha}).
     */
    static Path write(Path folder, int n, boolean ha) throws IOException {
        Files.createDirectories(folder.resolve("supergraph"));
        Path repo =
                Path.of(System.getProperty("neotool.repoRoot", "..")).toAbsolutePath().normalize();
        // the tests' fixture, not the users' config: a bench must not break when config/ is edited
        Path fixture = repo.resolve("generator/src/test/resources/configs/fixture");
        // the supergraph routes to two of the generated apps (every subgraph must be an app)
        Files.writeString(
                folder.resolve("supergraph/neotool.graphql"),
                Files.readString(fixture.resolve("supergraph/neotool.graphql"))
                        .replace("http://app-service/", "http://service-0/")
                        .replace("http://security-service/", "http://service-1/"),
                StandardCharsets.UTF_8);
        String production = Files.readString(fixture.resolve("production.yaml"));
        if (ha) {
            production = io.neotool.gitops.TestSupport.ha(production);
        }
        String head = production.substring(0, production.indexOf("\napps:\n") + 1);
        String tail = production.substring(production.indexOf("\nbackups:\n"));
        if (n <= APPS_PER_FILE) {
            Files.writeString(
                    folder.resolve("production.yaml"),
                    head + apps(0, n) + tail,
                    StandardCharsets.UTF_8);
            return folder;
        }
        Files.createDirectories(folder.resolve("production"));
        StringBuilder include = new StringBuilder("include:\n");
        for (int from = 0, k = 1; from < n; from += APPS_PER_FILE, k++) {
            String name = "production/apps-" + k + ".yaml";
            include.append("  - ").append(name).append('\n');
            Files.writeString(
                    folder.resolve(name),
                    apps(from, Math.min(n, from + APPS_PER_FILE)),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(
                folder.resolve("production.yaml"), head + tail + include, StandardCharsets.UTF_8);
        return folder;
    }

    /** How many groups the apps come in; 0 for none. */
    private static final int GROUPS = Integer.getInteger("neotool.bench.groups", 64);

    /** Apps {@code from} (inclusive) to {@code to} (exclusive), as an {@code apps:} list. */
    private static String apps(int from, int to) {
        StringBuilder apps = new StringBuilder("apps:\n");
        for (int i = from; i < to; i++) {
            String name = "service-" + i;
            apps.append("  - name: ")
                    .append(name)
                    .append('\n')
                    .append("    type: kotlin\n")
                    .append("    image: ghcr.io/neotool/")
                    .append(name)
                    .append(":1.")
                    .append(i % 50)
                    .append(".0\n")
                    .append("    port: 8080\n    metricsPort: 8081\n    replicas: 2\n")
                    // at this scale apps come in groups (the README's advice past a hundred apps):
                    // 64 teams by default, each one Flux Kustomization for its apps and one for
                    // their databases; -Dneotool.bench.groups=0 gives each app its own
                    .append(GROUPS > 0 ? "    group: team-" + (i % GROUPS) + "\n" : "")
                    .append(i % 5 == 0 ? "    host: " + name + ".neotool.io\n" : "")
                    .append(
                            "    resources:\n      requests: { cpu: 100m, memory: 256Mi }\n      limits: { cpu: 500m, memory: 512Mi }\n")
                    .append("    env:\n      LOG_FORMAT: json\n")
                    .append("    uses:\n")
                    .append("      database: { name: db_")
                    .append(i)
                    .append(", password: { path: secret/data/apps/")
                    .append(name)
                    .append("/database, key: password } }\n")
                    .append("      kafkaTopics: [")
                    .append(name)
                    .append(".events]\n")
                    .append(
                            "      secrets:\n        - name: api-key\n          from: { path: secret/data/apps/")
                    .append(name)
                    .append("/api, key: key }\n          env: API_KEY\n");
        }
        return apps.toString();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
