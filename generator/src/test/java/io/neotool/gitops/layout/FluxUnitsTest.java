package io.neotool.gitops.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.Generator;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.wiring.Components;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Flux graph of a generated cluster keeps a failure where it happens, and names each Flux
 * Kustomization after what it deploys. Read from the generated files, as Flux reads them.
 */
class FluxUnitsTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** A Flux Kustomization of the tree: its path and what it waits for. */
    private record Flux(String name, String path, List<String> dependsOn, boolean prune) {}

    private static Map<String, Flux> kustomizations(OutputTree tree, String cluster) {
        Map<String, Flux> all = new TreeMap<>();
        tree.files()
                .forEach(
                        (path, file) -> {
                            if (!path.matches("clusters/" + cluster + "/[^/]+\\.yaml")) {
                                return;
                            }
                            JsonNode doc = YAML.readTree(file.text());
                            if (!doc.path("apiVersion")
                                    .asString("")
                                    .startsWith("kustomize.toolkit.fluxcd.io/")) {
                                return;
                            }
                            List<String> deps = new ArrayList<>();
                            doc.at("/spec/dependsOn")
                                    .forEach(d -> deps.add(d.path("name").asString()));
                            String name = doc.at("/metadata/name").asString();
                            all.put(
                                    name,
                                    new Flux(
                                            name,
                                            doc.at("/spec/path").asString().substring(2),
                                            deps,
                                            doc.at("/spec/prune").asBoolean()));
                        });
        return all;
    }

    /** Every object a Flux path applies, following its kustomization's resources. */
    private static List<JsonNode> objects(OutputTree tree, String folder) {
        List<JsonNode> out = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>(List.of(folder));
        while (!folders.isEmpty()) {
            String dir = folders.pop();
            OutputTree.OutputFile k = tree.files().get(dir + "/kustomization.yaml");
            assertThat(k).as("kustomization of %s", dir).isNotNull();
            for (JsonNode r : YAML.readTree(k.text()).path("resources")) {
                String target = normalize(dir + "/" + r.asString());
                if (tree.files().containsKey(target)) {
                    out.add(YAML.readTree(tree.files().get(target).text()));
                } else {
                    folders.push(target);
                }
            }
        }
        return out;
    }

    private static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                parts.removeLast();
            } else if (!p.equals(".") && !p.isEmpty()) {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /** Every Kustomization {@code name} waits for, directly or through others, not itself. */
    private static Set<String> waitsFor(Map<String, Flux> all, String name) {
        Set<String> seen = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(all.get(name).dependsOn());
        while (!next.isEmpty()) {
            String d = next.pop();
            assertThat(all).as("%s waits for %s, which exists", name, d).containsKey(d);
            if (seen.add(d)) {
                next.addAll(all.get(d).dependsOn());
            }
        }
        return seen;
    }

    /** The Vault paths an app's pods read, and the config key path its objects come from. */
    private static Set<String> secretsOf(AppConfig app) {
        Set<String> paths = new TreeSet<>();
        if (app.uses().database() != null) {
            paths.add(app.uses().database().password().path());
        }
        app.uses().secrets().forEach(s -> paths.add(s.from().path()));
        return paths;
    }

    @Test
    void noAppWaitsForAnotherAppsSecretDatabaseOrWorkload() {
        for (LoadedConfig loaded : List.of(TestSupport.production(), TestSupport.dev())) {
            String cluster = loaded.config().cluster().name();
            OutputTree tree = new Generator().generate(loaded);
            Map<String, Flux> all = kustomizations(tree, cluster);
            List<AppConfig> apps = loaded.config().apps();
            assertThat(apps.stream().filter(a -> a.uses().database() != null)).isNotEmpty();
            for (AppConfig app : apps) {
                for (String waited : waitsFor(all, app.name())) {
                    for (JsonNode object : objects(tree, all.get(waited).path())) {
                        String source =
                                object.at("/metadata/annotations")
                                        .path("neotool.io/source")
                                        .asString("");
                        String vault = object.at("/spec/template/metadata/annotations").toString();
                        for (AppConfig other : apps) {
                            if (other == app) {
                                continue;
                            }
                            String what =
                                    app.name()
                                            + " waits for "
                                            + waited
                                            + ", whose "
                                            + object.path("kind").asString()
                                            + " "
                                            + object.at("/metadata/name").asString();
                            assertThat(source)
                                    .as(what + " exists only for " + other.name())
                                    .doesNotEndWith("#/apps." + other.name());
                            for (String secret : secretsOf(other)) {
                                assertThat(vault)
                                        .as(what + " reads " + other.name() + "'s " + secret)
                                        .doesNotContain("\"" + secret + "\"");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void eachAppAndComponentIsAKustomizationOfItsName() {
        LoadedConfig loaded = TestSupport.production();
        OutputTree tree = new Generator().generate(loaded);
        Map<String, Flux> all = kustomizations(tree, "production");
        for (AppConfig app : loaded.config().apps()) {
            assertThat(all).containsKey(app.name());
            assertThat(all.get(app.name()).path()).isEqualTo("apps/production/" + app.name());
            if (app.uses().database() != null) {
                assertThat(all.get(app.name()).dependsOn()).contains(app.name() + "-database");
                assertThat(all.get(app.name() + "-database").dependsOn()).contains("postgres");
            }
        }
        Components.all().stream()
                .filter(c -> c.enabled(loaded.config()))
                .forEach(c -> assertThat(all).containsKey(c.name()));
        assertThat(all.get("pgbouncer").dependsOn()).contains("postgres");
        assertThat(all.values()).allMatch(Flux::prune);
    }

    @Test
    void aFreshClusterHasNoShimAndAnUpgradeKeepsWhatWouldPrune() {
        LoadedConfig loaded = TestSupport.production();
        OutputTree fresh = new Generator().generate(loaded);
        assertThat(fresh.files().values()).noneMatch(f -> f.text().contains(FluxShims.ANNOTATION));
        // the layer and shard Kustomizations of earlier trees pruned what now moves; the retired
        // "apps" pruned nothing; a removed component's files are gone, so it prunes as it should
        Map<String, FluxShims.Previous> before =
                Map.of(
                        "infra-configs",
                        new FluxShims.Previous(
                                false,
                                true,
                                Set.of(
                                        "infrastructure/production/configs/postgres/statefulset-postgres.yaml")),
                        "apps-0b",
                        new FluxShims.Previous(
                                false, true, Set.of("apps/production/web/kustomization.yaml")),
                        "apps",
                        new FluxShims.Previous(false, false, Set.of()),
                        "old-component",
                        new FluxShims.Previous(
                                false,
                                true,
                                Set.of("infrastructure/production/controllers/old/thing.yaml")),
                        "kept",
                        new FluxShims.Previous(true, false, Set.of()));
        OutputTree upgrade = new Generator().generate(loaded, new FluxShims(before, false));
        Map<String, Flux> all = kustomizations(upgrade, "production");
        assertThat(all.get("infra-configs").prune()).isFalse();
        assertThat(all.get("apps-0b").prune()).isFalse();
        assertThat(all.get("kept").prune()).as("a shim stays until dropped").isFalse();
        assertThat(all).doesNotContainKey("apps").doesNotContainKey("old-component");
        assertThat(objects(upgrade, all.get("infra-configs").path())).isEmpty();
        assertThat(upgrade.files().get("clusters/production/infra-configs.yaml").text())
                .contains("neotool:generate -D" + FluxShims.DROP + "=true");
        OutputTree dropped = new Generator().generate(loaded, new FluxShims(before, true));
        assertThat(kustomizations(dropped, "production"))
                .doesNotContainKeys("infra-configs", "apps-0b", "kept");
    }

    /** Apps given a group share its Kustomization; the others keep their own. */
    @Test
    void appsOfAGroupShareOneKustomizationOfItsName() {
        String text =
                TestSupport.productionText()
                        .replace(
                                "  - name: app-service\n",
                                "  - name: app-service\n    group: platform\n")
                        .replace(
                                "  - name: security-service\n",
                                "  - name: security-service\n    group: platform\n");
        OutputTree tree = new Generator().generate(TestSupport.parse(text));
        Map<String, Flux> all = kustomizations(tree, "production");
        assertThat(all).containsKeys("platform", "platform-database", "web");
        assertThat(all)
                .doesNotContainKeys(
                        "app-service",
                        "security-service",
                        "app-service-database",
                        "security-service-database");
        assertThat(all.get("platform").dependsOn()).contains("platform-database", "pgbouncer");
        assertThat(all.get("platform-database").dependsOn()).contains("postgres");
        assertThat(objects(tree, all.get("platform").path()))
                .extracting(
                        o -> o.path("kind").asString() + " " + o.at("/metadata/name").asString())
                .contains("Deployment app-service", "Deployment security-service");
        assertThat(objects(tree, all.get("platform-database").path()))
                .extracting(o -> o.at("/metadata/name").asString())
                .contains("app-service-database", "security-service-database");
        assertThat(waitsFor(all, "web")).doesNotContain("platform", "platform-database");
    }

    @Test
    void aGroupNamedLikeAnAppOrAPartIsRefused() {
        String text =
                TestSupport.productionText()
                        .replace(
                                "  - name: app-service\n",
                                "  - name: app-service\n    group: web\n");
        assertThat(
                        org.assertj.core.api.Assertions.catchThrowableOfType(
                                io.neotool.gitops.config.load.ConfigException.class,
                                () -> TestSupport.parse(text)))
                .isNotNull()
                .satisfies(
                        e ->
                                assertThat(e.problems())
                                        .extracting(p -> p.path() + ": " + p.message())
                                        .contains(
                                                "apps[1].group: 'web' is the Flux name of an app"));
    }
}
