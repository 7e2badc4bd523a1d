package io.neotool.gitops.platform;

/**
 * Where a chart comes from. HTTPS repositories become HelmRepositories; OCI charts an OCIRepository
 * each. Each Helm component declares its own; components that share a repository declare the same
 * source (same name, same URL), and share its object.
 */
public record ChartSource(String sourceName, String url) implements Comparable<ChartSource> {
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
