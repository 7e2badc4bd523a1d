package io.neotool.gitops.component;

/**
 * Where the charts come from. HTTPS repositories become HelmRepositories; OCI charts an
 * OCIRepository each.
 */
public enum ChartSource {
    HASHICORP("hashicorp", "https://helm.releases.hashicorp.com"),
    PROMETHEUS_COMMUNITY(
            "prometheus-community", "https://prometheus-community.github.io/helm-charts"),
    GRAFANA("grafana", "https://grafana.github.io/helm-charts"),
    UNLEASH("unleash", "https://docs.getunleash.io/helm-charts"),
    MINIO("minio", "https://charts.min.io/"),
    APOLLO_ROUTER("apollo-router", "oci://ghcr.io/apollographql/helm-charts/router");

    /** How often sources look for new chart versions; versions themselves are pinned. */
    public static final String INTERVAL = "1h";

    private final String sourceName;
    private final String url;

    ChartSource(String sourceName, String url) {
        this.sourceName = sourceName;
        this.url = url;
    }

    public String sourceName() {
        return sourceName;
    }

    public String url() {
        return url;
    }

    public boolean oci() {
        return url.startsWith("oci://");
    }

    public String kind() {
        return oci() ? "OCIRepository" : "HelmRepository";
    }
}
