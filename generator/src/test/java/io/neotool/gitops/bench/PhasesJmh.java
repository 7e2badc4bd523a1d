package io.neotool.gitops.bench;

import io.neotool.gitops.GenerationRequest;
import io.neotool.gitops.GenerationResult;
import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.ValidationResult;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The in-JVM phases under JMH ({@code bench/jmh.sh}), for environments of {@code apps} apps derived
 * from the fixture production config ({@link GenerationBench#write}): generation of the tree in
 * memory next to Jackson writing the same objects (the floor), a no-op regeneration of the tree on
 * disk next to reading that tree back, the everyday edit (one app's replicas, then generate), and
 * the validation of the tree (no schemas; CI's catalog when {@code -Dneotool.schemaLocation} names
 * it). Average time per operation. {@code -p topology=single-node,ha} compares the topologies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class PhasesJmh {
    private static final YAMLMapper YAML = new YAMLMapper();

    @Param({"100", "1000"})
    public int apps;

    /** The cluster's topology: one node, or three ({@code ha}: the operators' objects too). */
    @Param({"single-node"})
    public String topology;

    private Path work;
    private Path config;
    private Path repo;
    private NeotoolGitops gitops;
    private List<LoadedConfig> loaded;
    private List<JsonNode> objects;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        work = Files.createTempDirectory("neotool-jmh");
        config = GenerationBench.write(work.resolve("config"), apps, topology.equals("ha"));
        repo = Files.createDirectories(work.resolve("repo"));
        gitops = new NeotoolGitops();
        loaded = gitops.load(config);
        objects = new ArrayList<>();
        for (OutputTree.OutputFile file : gitops.render(loaded).files().values()) {
            if (file.path().endsWith(".yaml")) {
                objects.add(YAML.readTree(file.text()));
            }
        }
        GenerationResult first = gitops.generate(new GenerationRequest(config, repo, null));
        if (first.files().written().isEmpty()) {
            throw new IllegalStateException("nothing written");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Config records to the in-memory tree: every component, app, policy, README. */
    @Benchmark
    public OutputTree generate() {
        return gitops.render(loaded);
    }

    /** Jackson writing the same objects as YAML: the floor of any generator. */
    @Benchmark
    public long jacksonWrite() {
        long bytes = 0;
        for (JsonNode object : objects) {
            bytes += YAML.writeValueAsString(object).length();
        }
        return bytes;
    }

    /** {@code neotool:generate} on an unchanged config and tree: checks, writes nothing. */
    @Benchmark
    public GenerationResult noOpGenerate() {
        GenerationResult again = gitops.generate(new GenerationRequest(config, repo, null));
        if (!again.files().written().isEmpty()) {
            throw new IllegalStateException("a no-op wrote files");
        }
        return again;
    }

    private boolean raised;

    /**
     * The everyday edit: one app's replicas changed in the config (2 and 3 in turn), then {@code
     * neotool:generate}: load, render, validate, write the one file that changed.
     */
    @Benchmark
    public GenerationResult everydayEdit() throws IOException {
        Path file = config.resolve("production.yaml");
        String text = Files.readString(file);
        String from = raised ? "    replicas: 3\n" : "    replicas: 2\n";
        String to = raised ? "    replicas: 2\n" : "    replicas: 3\n";
        int at = text.indexOf(from, text.indexOf("\napps:\n"));
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        raised = !raised;
        GenerationResult result = gitops.generate(new GenerationRequest(config, repo, null));
        if (result.files().written().isEmpty() || result.files().written().size() > 3) {
            throw new IllegalStateException("one app's replicas wrote " + result.files().written());
        }
        return result;
    }

    /** Reading every file of the tree: the floor of a no-op. */
    @Benchmark
    public void readBack(Blackhole hole) throws IOException {
        try (Stream<Path> tree = Files.walk(repo)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                hole.consume(Files.readAllBytes(file));
            }
        }
    }

    /** {@code neotool:validate} of the tree on disk. */
    @Benchmark
    public ValidationResult validate() {
        ValidationResult result =
                gitops.validate(config, repo, System.getProperty("neotool.schemaLocation"));
        if (!result.ok()) {
            throw new IllegalStateException(result.summary());
        }
        return result;
    }
}
