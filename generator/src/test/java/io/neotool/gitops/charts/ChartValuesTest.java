package io.neotool.gitops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.wiring.Components;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every HelmRelease of every config, read against the data files of its chart at the pinned version
 * ({@link ChartData}: Chart.yaml, values.yaml, values.schema.json, and the same of each subchart
 * under {@code charts/}): every value key we set is one the chart declares, or lies below a map the
 * chart leaves free-form; every subchart's condition is decided explicitly; and the values, merged
 * over the chart's defaults as Helm merges them, pass the chart's own schema.
 */
class ChartValuesTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final tools.jackson.databind.json.JsonMapper JSON =
            new tools.jackson.databind.json.JsonMapper();

    /**
     * Keys the chart's templates read although its values.yaml does not declare them, with where.
     * Anything else undeclared is a key the chart ignores.
     */
    private static final Map<String, String> READ_BUT_UNDECLARED =
            Map.of(
                    "minio:/makeBucketJob/containerSecurityContext",
                            "templates/post-job.yaml of minio 5.4.0 renders it when securityContext.enabled",
                    "vault:/server/readinessProbe/path",
                            "values.yaml documents it in a comment; templates/server-statefulset.yaml probes it over HTTP");

    /**
     * Maps the chart hands on whole: Kubernetes API objects rendered with toYaml (their fields are
     * the API's, checked by the schemas and the API server), and the applications' own
     * configuration files.
     */
    private static final java.util.Set<String> KUBERNETES_OBJECTS =
            java.util.Set.of(
                    "securityContext",
                    "containerSecurityContext",
                    "podSecurityContext",
                    "resources");

    private static final Map<String, String> CONFIG_FILES =
            Map.of(
                    "grafana:/grafana.ini", "rendered into grafana.ini by templates/_config.tpl",
                    "router:/router/configuration",
                            "rendered into the router's configuration.yaml by templates/configmap.yaml",
                    "loki:/loki/limits_config",
                            "rendered into Loki's config.yaml (limits_config) by values.yaml's loki.config template");

    static Stream<Arguments> releases() {
        List<Arguments> out = new ArrayList<>();
        for (LoadedConfig config : ChartTrees.configs()) {
            OutputTree tree = Trees.generate(config);
            for (HelmComponent<?> helm : Components.helm()) {
                if (helm.enabled(config.config())) {
                    out.add(
                            Arguments.of(
                                    config.config().cluster().name() + "/" + helm.name(),
                                    helm.chart(),
                                    helm.chartVersion(config.config()),
                                    ChartTrees.release(tree, config, helm)
                                            .path("spec")
                                            .path("values")));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void everyValueKeyIsOneTheChartDeclares(
            String release, String chart, String version, JsonNode values) {
        Chart data = Chart.load(ChartData.folder(chart, version));
        List<String> ignored = new ArrayList<>();
        declared(chart, "", values, data, ignored);
        assertThat(ignored).as("value keys %s %s does not declare", chart, version).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void everySubchartConditionIsDecided(
            String release, String chart, String version, JsonNode values) {
        Chart data = Chart.load(ChartData.folder(chart, version));
        for (JsonNode dependency : data.meta.path("dependencies")) {
            String condition = dependency.path("condition").asString("");
            if (condition.isEmpty()) {
                continue;
            }
            String path = "/" + condition.split(",")[0].trim().replace('.', '/');
            assertThat(values.at(path).isBoolean())
                    .as(
                            "%s: subchart %s (condition %s) must be switched on or off explicitly",
                            release, dependency.path("name").asString(), condition)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void valuesPassTheChartsOwnSchemas(
            String release, String chart, String version, JsonNode values) {
        Chart data = Chart.load(ChartData.folder(chart, version));
        JsonNode merged = merge(data.values, values);
        data.schemaErrors(merged)
                .forEach(
                        e -> {
                            throw new AssertionError(release + ": " + e);
                        });
        for (Map.Entry<String, Chart> sub : data.subcharts.entrySet()) {
            if (merged.path(sub.getKey()).path("enabled").asBoolean(true)) {
                JsonNode subValues = merge(sub.getValue().values, merged.path(sub.getKey()));
                sub.getValue()
                        .schemaErrors(subValues)
                        .forEach(
                                e -> {
                                    throw new AssertionError(
                                            release + " (subchart " + sub.getKey() + "): " + e);
                                });
            }
        }
    }

    /** Walks {@code ours}; adds to {@code ignored} each key path the chart has no place for. */
    private static void declared(
            String chart, String path, JsonNode ours, Chart data, List<String> ignored) {
        for (var field : ours.properties()) {
            String key = field.getKey();
            String at = path + "/" + key;
            JsonNode defaults = data.values.at(at);
            if (path.isEmpty() && data.subcharts.containsKey(key)) {
                Chart sub = data.subcharts.get(key);
                for (var subField : field.getValue().properties()) {
                    if (!subField.getKey().equals("enabled")
                            && sub.values.path(subField.getKey()).isMissingNode()) {
                        ignored.add(at + "/" + subField.getKey());
                    }
                }
                continue;
            }
            if (defaults.isMissingNode()) {
                if (!data.documents(at) && !READ_BUT_UNDECLARED.containsKey(chart + ":" + at)) {
                    ignored.add(at);
                }
                continue;
            }
            boolean freeForm =
                    defaults.isObject() && defaults.isEmpty()
                            || KUBERNETES_OBJECTS.contains(key)
                            || CONFIG_FILES.containsKey(chart + ":" + at);
            if (field.getValue().isObject() && defaults.isObject() && !freeForm) {
                declared(chart, at, field.getValue(), data, ignored);
            }
        }
    }

    /** Helm's coalescing: maps merge key by key, anything else replaces the default. */
    static JsonNode merge(JsonNode defaults, JsonNode ours) {
        if (!defaults.isObject() || !ours.isObject()) {
            return ours.isMissingNode() || ours.isNull() ? defaults : ours;
        }
        ObjectNode merged = ((ObjectNode) defaults).deepCopy();
        for (var field : ours.properties()) {
            merged.set(field.getKey(), merge(defaults.path(field.getKey()), field.getValue()));
        }
        return merged;
    }

    /** The data files of one chart folder. */
    record Chart(
            JsonNode meta,
            JsonNode values,
            String valuesText,
            Schema schema,
            Map<String, Chart> subcharts) {
        /**
         * Whether values.yaml documents the key at {@code path} in a comment at its nesting level
         * ({@code # ingressClassName: nginx} under {@code ingress:}): charts document optional keys
         * that way, and their templates read them.
         */
        boolean documents(String path) {
            String[] keys = path.substring(1).split("/");
            String indent = " ".repeat(2 * (keys.length - 1));
            String key = java.util.regex.Pattern.quote(keys[keys.length - 1]);
            return java.util.regex.Pattern.compile("(?m)^" + indent + "#\\s*" + key + ":")
                    .matcher(valuesText)
                    .find();
        }

        static Chart load(Path folder) {
            try {
                return read(folder);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static Chart read(Path folder) throws java.io.IOException {
            assertThat(folder.resolve("Chart.yaml"))
                    .as("chart data of %s", folder.getFileName())
                    .isRegularFile();
            {
                JsonNode meta = YAML.readTree(folder.resolve("Chart.yaml").toFile());
                String valuesText = Files.readString(folder.resolve("values.yaml"));
                JsonNode values = YAML.readTree(valuesText);
                Path schemaFile = folder.resolve("values.schema.json");
                Schema schema = null;
                if (Files.isRegularFile(schemaFile)) {
                    // Helm reads these with its own validator; some name the unversioned draft
                    // ("http://json-schema.org/schema#"), read here as draft 7, which they are
                    // written in.
                    ObjectNode json = (ObjectNode) JSON.readTree(schemaFile.toFile());
                    json.remove("$schema");
                    schema =
                            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                                    .getSchema(JSON.writeValueAsString(json));
                }
                Map<String, Chart> subcharts = new java.util.TreeMap<>();
                for (JsonNode dependency : meta.path("dependencies")) {
                    String name = dependency.path("name").asString();
                    String alias = dependency.path("alias").asString(name);
                    Path sub = folder.resolve("charts").resolve(name);
                    assertThat(sub)
                            .as("subchart %s of %s", name, folder.getFileName())
                            .isDirectory();
                    subcharts.put(alias, load(sub));
                }
                return new Chart(
                        meta,
                        values == null || values.isMissingNode() ? YAML.createObjectNode() : values,
                        valuesText,
                        schema,
                        subcharts);
            }
        }

        List<String> schemaErrors(JsonNode merged) {
            if (schema == null) {
                return List.of();
            }
            return schema.validate(merged).stream().map(Object::toString).toList();
        }
    }
}
