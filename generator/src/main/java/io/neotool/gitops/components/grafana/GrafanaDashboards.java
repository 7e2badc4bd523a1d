package io.neotool.gitops.components.grafana;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.neotool.gitops.monitoring.Dashboard;
import io.neotool.gitops.monitoring.DashboardJson;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboards of every enabled component and of the apps, provisioned from files: one ConfigMap
 * ({@value #CONFIG_MAP}) that the Grafana chart mounts at {@value #FOLDER} ({@code
 * dashboardsConfigMaps}), and the file provider that reads that folder ({@code dashboardProviders})
 * into the folder "NeoTool", read-only.
 */
final class GrafanaDashboards {
    static final String CONFIG_MAP = "grafana-dashboards";
    static final String PROVIDER = "neotool";
    static final String FOLDER = "/var/lib/grafana/dashboards/" + PROVIDER;

    private GrafanaDashboards() {}

    static ConfigMap configMap(List<Dashboard> dashboards) {
        Map<String, String> files = new TreeMap<>();
        dashboards.forEach(
                d -> files.put(d.uid() + ".json", CanonicalYaml.json(DashboardJson.of(d))));
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(CONFIG_MAP)
                .withLabels(Context.labels("grafana", "dashboards"))
                .endMetadata()
                .withData(files)
                .build();
    }

    /** The chart values that mount the ConfigMap and provision what it holds. */
    static void values(Map<String, Object> values) {
        values.put(
                "dashboardProviders",
                Map.of(
                        "dashboardproviders.yaml",
                        Map.of(
                                "apiVersion",
                                1,
                                "providers",
                                List.of(
                                        Map.of(
                                                "name",
                                                PROVIDER,
                                                "folder",
                                                "NeoTool",
                                                "type",
                                                "file",
                                                "disableDeletion",
                                                true,
                                                "editable",
                                                false,
                                                "allowUiUpdates",
                                                false,
                                                "options",
                                                Map.of("path", FOLDER))))));
        values.put("dashboardsConfigMaps", Map.of(PROVIDER, CONFIG_MAP));
    }
}
