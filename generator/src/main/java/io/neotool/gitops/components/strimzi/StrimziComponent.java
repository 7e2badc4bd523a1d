package io.neotool.gitops.components.strimzi;

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
 * The Strimzi cluster operator (chart {@code strimzi-kafka-operator}) in the NeoTool namespace,
 * watching it: it runs the {@code kafka} Kafka and its KafkaNodePool the Kafka component writes for
 * {@code ha}, the topic operator and the exporter. Pods are made to the restricted Pod Security
 * profile the namespace enforces.
 */
public final class StrimziComponent extends HelmComponent<StrimziSettings> {
    public static final String NAME = "strimzi";

    static final ChartSource CHARTS = new ChartSource("strimzi", "https://strimzi.io/charts/");

    public StrimziComponent() {
        super(
                NAME,
                Layer.CONTROLLERS,
                "strimzi",
                StrimziSettings.class,
                CHARTS,
                "strimzi-kafka-operator");
    }

    @Override
    protected String title() {
        return "Strimzi";
    }

    @Override
    protected Map<String, Object> values(Context context) {
        StrimziSettings s = settings(context.config());
        ImageRef image = ImageRef.of(s.image());
        String repository = image.repository();
        int slash = repository.indexOf('/');
        int last = repository.lastIndexOf('/');
        Map<String, Object> values = new TreeMap<>();
        // the operator's image, and the registry folder and tag every Strimzi image is taken from
        values.put("defaultImageRegistry", repository.substring(0, slash));
        values.put("defaultImageRepository", repository.substring(slash + 1, last));
        values.put("defaultImageTag", image.tag());
        values.put("image", Map.of("name", repository.substring(last + 1), "tag", image.tag()));
        values.put("resources", Workloads.resourceValues(s.resources()));
        values.put(
                "extraEnvs",
                List.of(
                        Map.of(
                                "name",
                                "STRIMZI_POD_SECURITY_PROVIDER_CLASS",
                                "value",
                                "restricted")));
        return values;
    }

    /** The operator's pods, by the label its chart gives them. */
    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of(NAME, Map.of("name", "strimzi-cluster-operator"));
    }

    @Override
    public List<Edge> edges(Context context) {
        return List.of(new Edge(NAME, Edge.API_SERVER, 443), new Edge(NAME, Edge.API_SERVER, 6443));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of(NAME, "strimzi-cluster-operator");
    }

    /** Whether Kafka runs as a Strimzi Kafka: the topology is ha and this is on. */
    public static boolean runs(EnvironmentConfig config) {
        return config.cluster().ha() && config.infrastructure().enabled(StrimziSettings.class);
    }
}
