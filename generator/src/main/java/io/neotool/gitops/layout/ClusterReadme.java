package io.neotool.gitops.layout;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.render.Templates;
import io.neotool.gitops.wiring.Components;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code clusters/<cluster>/README.md}: a Mermaid graph of the Flux Kustomizations, their sources,
 * the Helm releases and the apps with the infrastructure each uses, and the cluster's image and
 * chart versions; and {@code clusters/README.md}: every version in every environment, one column
 * each, so promotion skew shows at a glance. The cross-environment table is the only shared file,
 * so a change to one environment touches only that environment's files and the table.
 */
public final class ClusterReadme {
    /** Where the cross-environment version table lives. */
    public static final String VERSIONS_FILE = "clusters/README.md";

    private final Templates templates;

    public ClusterReadme(Templates templates) {
        this.templates = templates;
    }

    /**
     * The README of {@code cluster}: its graph (from its generated {@code tree}), topology (its
     * {@code objects}) and versions.
     */
    public String render(
            LoadedConfig cluster,
            io.neotool.gitops.output.OutputTree tree,
            ClusterObjects objects) {
        EnvironmentConfig config = cluster.config();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cluster", config.cluster().name());
        model.put("source", cluster.source());
        model.put("namespace", config.namespace());
        String k3s = config.cluster().k3sVersion();
        model.put("k3sVersion", k3s == null ? "" : k3s);
        model.put("kubernetesVersion", config.cluster().kubernetesVersion());
        model.put("graph", FluxGraph.of(config, tree));
        model.put("environments", List.of(config.cluster().name()));
        model.put("versions", versions(List.of(cluster)));
        model.put("observability", observability(cluster));
        model.put("ha", config.cluster().ha());
        model.put("topology", ClusterTopology.model(config));
        return templates.render("cluster-readme.md.ftl", model);
    }

    /** What Prometheus scrapes, the alerts and who gets them, the dashboards. */
    private Map<String, Object> observability(LoadedConfig cluster) {
        io.neotool.gitops.monitoring.Monitoring m =
                io.neotool.gitops.wiring.Wiring.context(cluster, templates).monitoring();
        List<Map<String, String>> alerts = new java.util.ArrayList<>();
        for (io.neotool.gitops.monitoring.Alert a : m.alerts()) {
            alerts.add(
                    Map.of(
                            "name",
                            a.name(),
                            "group",
                            a.group(),
                            "severity",
                            a.severity().label(),
                            "for",
                            a.forDuration(),
                            "summary",
                            a.summary()
                                    .replaceAll("\\{\\{ \\$labels\\.([a-z_]+) }}", "*$1*")
                                    .replace("|", "\\|")));
        }
        List<String> receivers = new java.util.ArrayList<>();
        var prometheus =
                cluster.config()
                        .infrastructure()
                        .get(io.neotool.gitops.components.prometheus.PrometheusSettings.class);
        if (prometheus != null && prometheus.alertmanager() != null) {
            prometheus
                    .alertmanager()
                    .receivers()
                    .forEach(
                            r ->
                                    receivers.add(
                                            r.name()
                                                    + " ("
                                                    + String.join(", ", r.severities())
                                                    + ")"));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("targets", m.targets());
        model.put("alerts", alerts);
        model.put("receivers", receivers);
        model.put(
                "dashboards",
                m.dashboards().stream().map(d -> d.title() + " (`" + d.uid() + "`)").toList());
        return model;
    }

    /** {@value #VERSIONS_FILE}: the versions of every config in {@code all}, side by side. */
    public String renderVersions(List<LoadedConfig> all) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("environments", all.stream().map(c -> c.config().cluster().name()).toList());
        model.put("sources", all.stream().map(LoadedConfig::source).toList());
        model.put("versions", versions(all));
        return templates.render("versions-readme.md.ftl", model);
    }

    /** Rows: what is versioned, then the version per environment ("—" where it is not deployed). */
    private static List<Map<String, Object>> versions(List<LoadedConfig> all) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (LoadedConfig loaded : all) {
            EnvironmentConfig c = loaded.config();
            String env = c.cluster().name();
            for (Component component : Components.all()) {
                if (component.enabled(c)) {
                    component
                            .versions(c)
                            .forEach(
                                    (what, version) ->
                                            put(
                                                    rows,
                                                    "1 " + component.name() + " | " + what,
                                                    env,
                                                    version));
                }
            }
            for (AppConfig app : c.apps()) {
                ImageRef image = ImageRef.of(app.image());
                put(
                        rows,
                        "2 app " + app.name() + " | image " + image.repository(),
                        env,
                        image.tag());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach(
                (key, versions) -> {
                    String[] parts = key.substring(2).split(" \\| ", 2);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("component", parts[0]);
                    row.put("what", parts[1]);
                    row.put("versions", versions);
                    row.put("skew", versions.values().stream().distinct().count() > 1);
                    out.add(row);
                });
        return out;
    }

    private static void put(
            Map<String, Map<String, String>> rows, String key, String env, String version) {
        rows.computeIfAbsent(key, k -> new TreeMap<>()).put(env, version);
    }
}
