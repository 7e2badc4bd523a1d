package io.neotool.gitops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.render.CanonicalYaml;
import io.neotool.gitops.render.Templates;
import io.neotool.gitops.wiring.Observability;
import io.neotool.gitops.wiring.Wiring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules and dashboards of each committed config, as the generated tree holds them, under
 * Prometheus' own tools ({@code -Dneotool.promtool=<binary>}, CI installs it from the Go module
 * proxy): the rule file passes {@code promtool check rules}; every alert fires on the series of its
 * firing case with the labels and annotations expected, and stays quiet on its quiet case ({@code
 * promtool test rules}); every PromQL query of every dashboard parses (checked as a recording
 * rule).
 */
class AlertRulesTest {
    /** The fixtures, and production on three nodes (CloudNativePG's and Strimzi's alerts). */
    static Stream<LoadedConfig> configs() {
        return Stream.of(
                TestSupport.production(),
                TestSupport.dev(),
                TestSupport.parse(TestSupport.ha(TestSupport.productionText())));
    }

    static String promtool() {
        String promtool = System.getProperty("neotool.promtool", "");
        if (promtool.isBlank()) {
            assertThat(System.getenv("CI"))
                    .as("CI runs promtool: set -Dneotool.promtool=<binary>")
                    .isNull();
            System.out.println(
                    "SKIPPED promtool checks: set -Dneotool.promtool=<binary> (CI does)");
        }
        return promtool;
    }

    static JsonNode release(OutputTree tree, LoadedConfig config, String name) {
        String cluster = config.config().cluster().name();
        return Trees.yaml(
                tree,
                "infrastructure/"
                        + cluster
                        + "/controllers/"
                        + name
                        + "/helmrelease-"
                        + name
                        + ".yaml");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyAlertFiresOnItsCaseAndStaysQuietOnTheOther(LoadedConfig config, @TempDir Path dir)
            throws Exception {
        OutputTree tree = Trees.generate(config);
        JsonNode rules =
                release(tree, config, "prometheus")
                        .at("/spec/values/serverFiles/alerting_rules.yml");
        List<Alert> alerts = Observability.of(Wiring.context(config, new Templates())).alerts();
        Set<String> inFile = new TreeSet<>();
        rules.path("groups")
                .forEach(g -> g.path("rules").forEach(r -> inFile.add(r.path("alert").asString())));
        Set<String> tested = new TreeSet<>();
        alerts.forEach(a -> tested.add(a.name()));
        assertThat(inFile).as("alerts of %s", config.source()).isNotEmpty().isEqualTo(tested);

        String promtool = promtool();
        if (promtool.isBlank()) {
            return;
        }
        Files.writeString(dir.resolve("alerting_rules.yml"), CanonicalYaml.write(rules));
        Files.writeString(
                dir.resolve("tests.yml"),
                CanonicalYaml.write(
                        RuleFiles.promtoolTests(
                                alerts,
                                "alerting_rules.yml",
                                io.neotool.gitops.components.prometheus.PrometheusComponent.runbook(
                                        Wiring.context(config, new Templates())))));
        assertThat(run(dir, promtool, "check", "rules", "alerting_rules.yml")).contains("SUCCESS");
        assertThat(run(dir, promtool, "test", "rules", "tests.yml")).contains("SUCCESS");
    }

    /**
     * The synthetic series of every alert's cases are series the real exporters emit: each metric
     * name is in the scrapes the real-programs harness took (scraped-series.tsv, which CI keeps
     * equal to them), with label keys the scrape shows or Prometheus adds to every target, or it is
     * one the harness cannot scrape, allow-listed with the reason.
     */
    @ParameterizedTest
    @MethodSource("configs")
    void everySyntheticSeriesIsOneTheRealExportersEmit(LoadedConfig config) throws Exception {
        Map<String, Set<String>> scraped = new java.util.HashMap<>();
        for (String line :
                Files.readAllLines(Path.of("src/test/resources/monitoring/scraped-series.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t", -1);
                scraped.put(f[0], new TreeSet<>(List.of(f[2].split(","))));
            }
        }
        assertThat(scraped).as("metrics in the harness' scrapes").isNotEmpty();
        List<java.util.regex.Pattern> allowed = new ArrayList<>();
        for (String line :
                Files.readAllLines(
                        TestSupport.repoRoot().resolve(".ci/programs/metrics-allowlist.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                allowed.add(java.util.regex.Pattern.compile(line.split("\t", 2)[0]));
            }
        }
        java.util.regex.Pattern series =
                java.util.regex.Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?$");
        java.util.regex.Pattern label =
                java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=~?\"");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Alert alert : Observability.of(Wiring.context(config, new Templates())).alerts()) {
            for (Alert.Case c : List.of(alert.fires(), alert.quiet())) {
                for (String s : c.series().keySet()) {
                    java.util.regex.Matcher m = series.matcher(s);
                    assertThat(m.matches()).as("series %s of %s", s, alert.name()).isTrue();
                    String metric = m.group(1);
                    checked++;
                    if (scraped.containsKey(metric)) {
                        java.util.regex.Matcher l =
                                label.matcher(m.group(2) == null ? "" : m.group(2));
                        while (l.find()) {
                            String key = l.group(1);
                            if (!scraped.get(metric).contains(key)
                                    && !TARGET_LABELS.matcher(key).matches()) {
                                problems.add(
                                        alert.name()
                                                + ": "
                                                + s
                                                + " has '"
                                                + key
                                                + "', which the scrape of "
                                                + metric
                                                + " does not");
                            }
                        }
                    } else if (allowed.stream().noneMatch(a -> a.matcher(metric).find())) {
                        problems.add(
                                alert.name()
                                        + ": "
                                        + metric
                                        + " is in no scrape and not allow-listed");
                    }
                }
            }
        }
        assertThat(checked).isPositive();
        assertThat(problems).isEmpty();
    }

    /** Labels Prometheus adds to every series of a target (the scrape config's relabelling). */
    private static final java.util.regex.Pattern TARGET_LABELS =
            java.util.regex.Pattern.compile(
                    "job|instance|namespace|pod|container|app_kubernetes_io_[a-z_]+");

    @ParameterizedTest
    @MethodSource("configs")
    void everyDashboardQueryParses(LoadedConfig config, @TempDir Path dir) throws Exception {
        OutputTree tree = Trees.generate(config);
        String cluster = config.config().cluster().name();
        JsonNode configMap =
                Trees.yaml(
                        tree,
                        "infrastructure/"
                                + cluster
                                + "/controllers/grafana/configmap-grafana-dashboards.yaml");
        Set<String> sources = new TreeSet<>();
        release(tree, config, "grafana")
                .at("/spec/values/datasources/datasources.yaml/datasources")
                .forEach(d -> sources.add(d.path("uid").asString()));
        List<Object> records = new ArrayList<>();
        int logs = 0;
        for (var file : configMap.path("data").properties()) {
            JsonNode dashboard = new JsonMapper().readTree(file.getValue().asString());
            String sample = dashboard.at("/templating/list/0/current/value").asString("none");
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asString().replace("$app", sample);
                    assertThat(target.at("/datasource/uid").asString())
                            .as("data source of %s", panel.path("title").asString())
                            .isIn(sources);
                    if (target.at("/datasource/uid").asString().equals("loki")) {
                        assertThat(expr).startsWith("{namespace=\"");
                        logs++;
                        continue;
                    }
                    Map<String, Object> rule = new LinkedHashMap<>();
                    rule.put("record", "dashboard:query_" + records.size());
                    rule.put("expr", expr);
                    records.add(rule);
                }
            }
        }
        assertThat(records).as("PromQL queries of %s", config.source()).hasSizeGreaterThan(20);
        assertThat(logs).as("logs panels").isGreaterThan(5);
        String promtool = promtool();
        if (promtool.isBlank()) {
            return;
        }
        Files.writeString(
                dir.resolve("dashboards.yml"),
                CanonicalYaml.write(
                        Map.of("groups", List.of(Map.of("name", "dashboards", "rules", records)))));
        assertThat(run(dir, promtool, "check", "rules", "dashboards.yml")).contains("SUCCESS");
    }

    private static String run(Path dir, String... command)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
