package io.neotool.gitops.platform;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.monitoring.Monitoring;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a unit needs to know of the others, handed in through its {@link Context} rather than
 * fetched from the registry: the wiring package answers each from every enabled component and app,
 * so that a component never names another to learn what it provides.
 */
public interface Shared {
    /** Whether Prometheus runs, so that exporters, scrape annotations and metrics paths count. */
    boolean scraped(Context context);

    /** Whether Loki runs, so that Grafana shows each workload's logs. */
    boolean logged(Context context);

    /** Whether Vault runs, so that workloads reach it for their secrets. */
    boolean vault(Context context);

    /**
     * The Secret an Ingress for {@code host} serves its certificate from, or null when no enabled
     * component issues certificates (Traefik then serves its default one).
     */
    @Nullable String tlsSecret(Context context, String host);

    /** Every alert and dashboard of the environment: each enabled component's and each app's. */
    Monitoring monitoring(Context context);

    /** Every connection the config requires, sorted. */
    List<Edge> edges(Context context);

    /** The pod labels of each workload that takes part in the network graph, by name. */
    Map<String, Map<String, String>> selectors(Context context);

    /** The namespace a workload of the graph runs in. */
    String namespaceOf(Context context, String workload);

    /** What an app gets from what it {@code uses}: its env and its Vault secrets. */
    AppWiring wiring(Context context, AppConfig app);
}
