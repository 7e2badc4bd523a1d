package io.neotool.gitops.components.cloudnativepg;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CloudNativePG operator (chart {@code cloudnative-pg}) in the NeoTool namespace, watching only
 * that namespace: it runs the {@code postgres} Cluster and the {@code pgbouncer} Pooler the
 * PostgreSQL and PgBouncer components write for {@code ha}, fails over, and takes the backups.
 */
public final class CloudNativePgComponent extends HelmComponent<CloudNativePgSettings> {
    public static final String NAME = "cloudnative-pg";

    static final ChartSource CHARTS =
            new ChartSource("cloudnative-pg", "https://cloudnative-pg.github.io/charts");

    /** The admission webhook's container port (its Service maps 443 to it). */
    static final int WEBHOOK_PORT = 9443;

    /** The instance manager's status port, which the operator polls on every instance. */
    public static final int STATUS_PORT = 8000;

    public CloudNativePgComponent() {
        super(NAME, Layer.CONTROLLERS, "cloudnativePg", CloudNativePgSettings.class, CHARTS, NAME);
    }

    @Override
    protected String title() {
        return "CloudNativePG";
    }

    @Override
    protected Map<String, Object> values(Context context) {
        CloudNativePgSettings s = settings(context.config());
        ImageRef image = ImageRef.of(s.image());
        Map<String, Object> values = new TreeMap<>();
        values.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        values.put("crds", Map.of("create", true));
        // watch the NeoTool namespace only: the operator's rights stay there
        values.put("config", Map.of("clusterWide", false));
        values.put("resources", Workloads.resourceValues(s.resources()));
        // no Prometheus operator here (annotations are scraped), and our own dashboards
        values.put("monitoring", Map.of("grafanaDashboard", Map.of("create", false)));
        return values;
    }

    @Override
    public List<Edge> edges(Context context) {
        return List.of(
                new Edge(NAME, Edge.API_SERVER, 443),
                new Edge(NAME, Edge.API_SERVER, 6443),
                new Edge(Edge.ANYWHERE, NAME, WEBHOOK_PORT));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of(NAME, "cnpg-webhook-service", "cnpg-controller-manager-config");
    }

    /** The Pooler's PgBouncer image, pinned in the operator's settings. */
    public static String poolerImage(EnvironmentConfig config) {
        return config.infrastructure().require(CloudNativePgSettings.class).poolerImage();
    }

    @Override
    public Map<String, String> versions(EnvironmentConfig config) {
        Map<String, String> versions = new TreeMap<>(super.versions(config));
        versions.putAll(Workloads.imageVersion(poolerImage(config)));
        return versions;
    }

    /** Whether PostgreSQL runs as a CloudNativePG Cluster: the topology is ha and this is on. */
    public static boolean runs(EnvironmentConfig config) {
        return config.cluster().ha()
                && config.infrastructure().enabled(CloudNativePgSettings.class);
    }
}
