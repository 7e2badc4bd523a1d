package io.neotool.gitops.platform;

/**
 * Where a chart comes from. HTTPS repositories become HelmRepositories; OCI charts an OCIRepository
 * each. A component names its source; components that share a repository share its object (same
 * name, same URL).
 */
public record ChartSource(String sourceName, String url) implements Comparable<ChartSource> {
    public static final ChartSource HASHICORP =
            new ChartSource("hashicorp", "https://helm.releases.hashicorp.com");
    public static final ChartSource PROMETHEUS_COMMUNITY =
            new ChartSource(
                    "prometheus-community", "https://prometheus-community.github.io/helm-charts");
    public static final ChartSource GRAFANA =
            new ChartSource("grafana", "https://grafana.github.io/helm-charts");
    public static final ChartSource UNLEASH =
            new ChartSource("unleash", "https://docs.getunleash.io/helm-charts");
    public static final ChartSource MINIO = new ChartSource("minio", "https://charts.min.io/");
    public static final ChartSource APOLLO_ROUTER =
            new ChartSource("apollo-router", "oci://ghcr.io/apollographql/helm-charts/router");

    /** How often sources look for new chart versions; versions themselves are pinned. */
    public static final String INTERVAL = "1h";

    public ChartSource {
        if (!sourceName.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
            throw new IllegalArgumentException("not an object name: " + sourceName);
        }
        if (!url.startsWith("https://") && !url.startsWith("oci://")) {
            throw new IllegalArgumentException("a chart source is https:// or oci://: " + url);
        }
    }

    public boolean oci() {
        return url.startsWith("oci://");
    }

    public String kind() {
        return oci() ? "OCIRepository" : "HelmRepository";
    }

    @Override
    public int compareTo(ChartSource o) {
        return sourceName.compareTo(o.sourceName);
    }
}
