package io.neotool.gitops.components.prometheus;

import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.monitoring.Dashboard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether Flux applied what Git holds: kube-state-metrics reads the Ready condition of every Flux
 * object we generate (its custom-resource-state metrics, as Flux's monitoring guide does, since the
 * controllers no longer export a condition metric) into {@code gotk_resource_info}, one series per
 * object with labels {@code name}, {@code namespace}, {@code ready}, {@code suspended} and
 * kube-state-metrics' own {@code customresource_kind}.
 */
final class FluxMetrics {
    private FluxMetrics() {}

    /** The Flux kinds we generate: API group, version, kind, plural. */
    private static final List<String[]> KINDS =
            List.of(
                    new String[] {
                        "kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations"
                    },
                    new String[] {"helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases"},
                    new String[] {
                        "source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories"
                    },
                    new String[] {
                        "source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories"
                    });

    /** The {@code kube-state-metrics} subchart values that add the metric and the rights to it. */
    static Map<String, Object> kubeStateMetricsValues() {
        List<Object> resources = new ArrayList<>();
        List<Object> rules = new ArrayList<>();
        for (String[] k : KINDS) {
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("namespace", List.of("metadata", "namespace"));
            labels.put("ready", List.of("status", "conditions", "[type=Ready]", "status"));
            labels.put("suspended", List.of("spec", "suspend"));
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("groupVersionKind", Map.of("group", k[0], "version", k[1], "kind", k[2]));
            resource.put("metricNamePrefix", "gotk");
            resource.put("labelsFromPath", labels);
            resource.put(
                    "metrics",
                    List.of(
                            Map.of(
                                    "name",
                                    "resource_info",
                                    "help",
                                    "The Ready condition of a Flux " + k[2] + ".",
                                    "each",
                                    // an Info metric with no label of its own is never
                                    // emitted (kube-state-metrics drops a value without
                                    // labels): the object's name is the Info's label
                                    Map.of(
                                            "type",
                                            "Info",
                                            "info",
                                            Map.of(
                                                    "labelsFromPath",
                                                    Map.of(
                                                            "name",
                                                            List.of("metadata", "name")))))));
            resources.add(resource);
            rules.add(
                    Map.of(
                            "apiGroups", List.of(k[0]),
                            "resources", List.of(k[3]),
                            "verbs", List.of("list", "watch")));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(
                "customResourceState",
                Map.of(
                        "enabled",
                        true,
                        "config",
                        Map.of(
                                "kind",
                                "CustomResourceStateMetrics",
                                "spec",
                                Map.of("resources", resources))));
        values.put("rbac", Map.of("extraRules", rules));
        return values;
    }

    static Alert alert() {
        String series =
                "gotk_resource_info{customresource_kind=\"HelmRelease\", name=\"grafana\", namespace=\"flux-system\", ready=\"%s\", suspended=\"false\"}";
        return new Alert(
                "cluster",
                "FluxNotReady",
                "max by (customresource_kind, namespace, name) (gotk_resource_info{ready!=\"True\", suspended!=\"true\"}) > 0",
                "15m",
                Alert.Severity.WARNING,
                "Flux {{ $labels.customresource_kind }} {{ $labels.namespace }}/{{ $labels.name }} is not Ready",
                "Flux has not applied {{ $labels.customresource_kind }} {{ $labels.name }} for 15 minutes: flux get all -A names the reason; git revert the change that broke it.",
                Alert.Case.of(
                        "30m",
                        Map.of(
                                "customresource_kind",
                                "HelmRelease",
                                "namespace",
                                "flux-system",
                                "name",
                                "grafana"),
                        String.format(series, "False"),
                        "1x40"),
                Alert.Case.of("30m", Map.of(), String.format(series, "True"), "1x40"));
    }

    static Dashboard.Panel panel() {
        return Dashboard.Panel.series(
                "Flux objects not Ready",
                "short",
                "count by (customresource_kind) (gotk_resource_info{ready!=\"True\"})");
    }
}
