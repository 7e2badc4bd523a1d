package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.neotool.gitops.config.Resources;
import java.util.Map;

/**
 * What every Prometheus exporter sidecar shares: one metrics port, small resources, probes on the
 * port, and the user {@code nobody} that the prometheus-community images declare. Each component
 * builds its own exporter on this ({@code PostgresExporter}, {@code PgBouncerExporter}, {@code
 * KafkaExporter}).
 */
public final class Exporters {
    private Exporters() {}

    /** UID of {@code nobody}, the user the exporter images declare. */
    static final long NOBODY = 65534;

    static final Resources RESOURCES = Resources.of("10m", "32Mi", "100m", "64Mi");

    /** An exporter container listening on {@code port}, unprivileged, with probes on the port. */
    public static ContainerBuilder base(String name, String image, int port) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(image)
                .addNewPort()
                .withName("metrics")
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withResources(Workloads.resources(RESOURCES))
                // the port only: a scrape queries the database, which the exporter outlives
                .withReadinessProbe(Workloads.tcpProbe(port, 5, 30))
                .withLivenessProbe(Workloads.tcpProbe(port, 15, 30))
                .withSecurityContext(PodSecurity.containerSecurity(NOBODY, NOBODY, true));
    }

    /** The scrape annotations of a pod whose exporter listens on {@code port}. */
    public static Map<String, String> annotations(int port) {
        return Workloads.scrapeAnnotations(port, "/metrics");
    }
}
