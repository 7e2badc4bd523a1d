package io.neotool.gitops.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * What the cluster's pods request of each node: every component's pods as its settings size them
 * (times the replicas the topology gives it) and every app's, one share of the others per node plus
 * the pods that run on every node, against the node size the config states. The Jobs of the night
 * (backups, the drill) and the charts' small helpers the config does not size are not counted: they
 * are what the margin is for.
 *
 * @param nodes how many nodes the cluster has
 * @param rows each kind of pod, in the order of the config
 * @param cpuMillis the requests on one node, in millicores
 * @param memoryBytes the requests on one node, in bytes
 */
public record NodeBudget(int nodes, List<Pods> rows, long cpuMillis, long memoryBytes) {
    private static final Map<String, Long> UNITS =
            Map.ofEntries(
                    Map.entry("", 1L),
                    Map.entry("k", 1000L),
                    Map.entry("M", 1000L * 1000),
                    Map.entry("G", 1000L * 1000 * 1000),
                    Map.entry("T", 1000L * 1000 * 1000 * 1000),
                    Map.entry("P", 1000L * 1000 * 1000 * 1000 * 1000),
                    Map.entry("E", 1000L * 1000 * 1000 * 1000 * 1000 * 1000),
                    Map.entry("Ki", 1L << 10),
                    Map.entry("Mi", 1L << 20),
                    Map.entry("Gi", 1L << 30),
                    Map.entry("Ti", 1L << 40),
                    Map.entry("Pi", 1L << 50),
                    Map.entry("Ei", 1L << 60));

    /** A CPU quantity ({@code 250m}, {@code 2}, {@code 0.5}) in millicores. */
    public static long cpuMillis(String cpu) {
        if (cpu.endsWith("m")) {
            return Long.parseLong(cpu.substring(0, cpu.length() - 1));
        }
        return new BigDecimal(cpu).movePointRight(3).longValue();
    }

    /**
     * A memory or storage quantity ({@code 512Mi}, {@code 2Gi}, {@code 1G}) in bytes (the review's
     * sizes too).
     */
    public static long bytes(String memory) {
        Matcher m = ConfigRules.MEMORY.matcher(memory);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + memory);
        }
        String unit = m.group(2) == null ? "" : m.group(2);
        return new BigDecimal(memory.substring(0, memory.length() - unit.length()))
                .multiply(BigDecimal.valueOf(UNITS.getOrDefault(unit, 1L)))
                .longValue();
    }

    /** The budget of {@code config}, from the pods each enabled component and app declares. */
    public static NodeBudget of(EnvironmentConfig config) {
        int nodes = config.cluster().ha() ? 3 : 1;
        List<Pods> rows = new ArrayList<>();
        config.infrastructure()
                .components()
                .forEach(
                        (key, settings) -> {
                            if (settings.isEnabled()) {
                                for (Pods pods : settings.pods(config.cluster())) {
                                    rows.add(
                                            new Pods(
                                                    pods.what().isEmpty()
                                                            ? key
                                                            : key + " " + pods.what(),
                                                    pods.count(),
                                                    pods.requests(),
                                                    pods.everyNode()));
                                }
                            }
                        });
        for (AppConfig app : config.apps()) {
            rows.add(Pods.of("app " + app.name(), app.replicas(), app.resources()));
        }
        long spreadCpu = 0;
        long spreadMemory = 0;
        long nodeCpu = 0;
        long nodeMemory = 0;
        for (Pods pods : rows) {
            long cpu = cpuMillis(pods.requests().cpu()) * pods.count();
            long memory = bytes(pods.requests().memory()) * pods.count();
            if (pods.everyNode()) {
                nodeCpu += cpu;
                nodeMemory += memory;
            } else {
                spreadCpu += cpu;
                spreadMemory += memory;
            }
        }
        return new NodeBudget(
                nodes,
                List.copyOf(rows),
                nodeCpu + ceilDiv(spreadCpu, nodes),
                nodeMemory + ceilDiv(spreadMemory, nodes));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Millicores as the README writes them: {@code 2.35} cores. */
    public static String cores(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** Bytes as the README writes them: {@code 6.5 GiB}. */
    public static String gib(long bytes) {
        return BigDecimal.valueOf(bytes)
                        .divide(BigDecimal.valueOf(1L << 30), 2, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString()
                + " GiB";
    }
}
