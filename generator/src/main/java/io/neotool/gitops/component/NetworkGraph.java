package io.neotool.gitops.component;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may talk to whom in the namespace, derived from the config and never listed by hand: an app
 * reaches exactly what its {@code uses} declares; PostgreSQL accepts only PgBouncer and the backup;
 * public workloads accept only Traefik; Prometheus reaches the metrics ports. Every edge becomes a
 * pair of NetworkPolicy rules (egress at the client, ingress at the server).
 */
public final class NetworkGraph {
    /** Traefik, the K3S ingress controller, in kube-system. */
    public static final String TRAEFIK = "traefik";
    /** The Kubernetes API server (host network on K3S: reached on 6443, or 443 through the service). */
    public static final String API_SERVER = "kube-apiserver";
    /** HTTPS on the internet (Cloudflare R2). */
    public static final String INTERNET = "internet";
    /** Anyone: the API server calling the Vault injector's webhook from the host. */
    public static final String ANYWHERE = "anywhere";
    /**
     * The node itself: agents on the host network (node-exporter) listen on the node's address,
     * which no pod selector matches and which is not known when the tree is generated.
     */
    public static final String NODE = "node";

    /** A connection the config requires: {@code from} opens it to {@code port} of {@code to}. */
    public record Edge(String from, String to, int port) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return from + " -> " + to + ":" + port;
        }
    }

    private static final Pattern SUBGRAPH = Pattern.compile("@join__graph\\(name: \"[^\"]*\", url: \"https?://([a-z0-9-]+)[:/\"]");

    private final Context context;
    private final TreeSet<Edge> edges = new TreeSet<>();

    private NetworkGraph(Context context) {
        this.context = context;
    }

    /** The edges of the config, sorted. */
    public static List<Edge> of(Context context) {
        NetworkGraph graph = new NetworkGraph(context);
        graph.build();
        return new ArrayList<>(graph.edges);
    }

    /** The namespace a workload runs in: the node agents' one for Promtail, the NeoTool one otherwise. */
    public static String namespace(EnvironmentConfig config, String workload) {
        return workload.equals("promtail") ? config.agentsNamespace() : config.namespace();
    }

    /**
     * The pod labels of each workload of the namespace that takes part: our own workloads by name,
     * Helm releases by their instance label (MinIO's chart by its {@code release} label).
     */
    public static Map<String, Map<String, String>> selectors(EnvironmentConfig config) {
        Map<String, Map<String, String>> selectors = new TreeMap<>();
        InfrastructureConfig infra = config.infrastructure();
        for (HelmComponent helm : Components.helm()) {
            if (helm.enabled(config)) {
                selectors.put(helm.name(), helm.name().equals("minio") ? Map.of("release", "minio")
                        : Map.of("app.kubernetes.io/instance", helm.name()));
            }
        }
        if (InfrastructureConfig.enabled(infra.postgres())) {
            selectors.put(PostgresComponent.SERVICE, Context.selector(PostgresComponent.SERVICE));
        }
        if (InfrastructureConfig.enabled(infra.pgbouncer())) {
            selectors.put(PgBouncerComponent.SERVICE, Context.selector(PgBouncerComponent.SERVICE));
        }
        if (InfrastructureConfig.enabled(infra.kafka())) {
            selectors.put(KafkaComponent.SERVICE, Context.selector(KafkaComponent.SERVICE));
            selectors.put(KafkaComponent.TOPICS_JOB, Context.selector(KafkaComponent.TOPICS_JOB));
        }
        if (config.backups() != null && config.backups().isEnabled()) {
            selectors.put(BackupComponent.NAME, Context.selector(BackupComponent.NAME));
        }
        if (InfrastructureConfig.enabled(infra.postgres()) && PostgresComponent.needsDatabasesJob(config)) {
            selectors.put(PostgresComponent.DATABASES_JOB, Context.selector(PostgresComponent.DATABASES_JOB));
        }
        config.apps().forEach(app -> selectors.put(app.name(), Context.selector(app.name())));
        return selectors;
    }

    private void edge(String from, String to, int port) {
        edges.add(new Edge(from, to, port));
    }

    private void build() {
        EnvironmentConfig config = context.config();
        InfrastructureConfig infra = config.infrastructure();
        boolean vault = InfrastructureConfig.enabled(infra.vault());
        for (AppConfig app : config.apps()) {
            AppConfig.Uses uses = app.uses();
            if (uses.database() != null) {
                edge(app.name(), PgBouncerComponent.SERVICE, PgBouncerComponent.PORT);
            }
            if (!uses.kafkaTopics().isEmpty()) {
                edge(app.name(), KafkaComponent.SERVICE, KafkaComponent.PORT);
            }
            if (uses.featureFlags()) {
                edge(app.name(), UnleashComponent.SERVICE, UnleashComponent.PORT);
            }
            if (uses.graphql()) {
                edge(app.name(), ApolloRouterComponent.SERVICE, ApolloRouterComponent.PORT);
            }
            if (vault && (uses.database() != null || !uses.secrets().isEmpty())) {
                edge(app.name(), "vault", VAULT_PORT);
            }
            if (app.isPublic()) {
                edge(TRAEFIK, app.name(), app.port());
            }
            if (app.metricsPort() != null && InfrastructureConfig.enabled(infra.prometheus())) {
                edge("prometheus", app.name(), app.metricsPort());
            }
        }
        if (InfrastructureConfig.enabled(infra.pgbouncer())) {
            edge(PgBouncerComponent.SERVICE, PostgresComponent.SERVICE, PostgresComponent.PORT);
            edge(PgBouncerComponent.SERVICE, "vault", VAULT_PORT);
        }
        if (InfrastructureConfig.enabled(infra.postgres())) {
            edge(PostgresComponent.SERVICE, "vault", VAULT_PORT);
            if (PostgresComponent.needsDatabasesJob(config)) {
                edge(PostgresComponent.DATABASES_JOB, PostgresComponent.SERVICE, PostgresComponent.PORT);
                edge(PostgresComponent.DATABASES_JOB, "vault", VAULT_PORT);
            }
        }
        if (InfrastructureConfig.enabled(infra.kafka())) {
            edge(KafkaComponent.SERVICE, KafkaComponent.SERVICE, KafkaComponent.PORT);
            edge(KafkaComponent.SERVICE, KafkaComponent.SERVICE, KafkaComponent.CONTROLLER_PORT);
            edge(KafkaComponent.TOPICS_JOB, KafkaComponent.SERVICE, KafkaComponent.PORT);
        }
        BackupConfig backups = config.backups();
        if (backups != null && backups.isEnabled()) {
            edge(BackupComponent.NAME, PostgresComponent.SERVICE, PostgresComponent.PORT);
            edge(BackupComponent.NAME, "vault", VAULT_PORT);
            if (backups.target().provider() == BackupConfig.Provider.MINIO) {
                edge(BackupComponent.NAME, "minio", MinioComponent.PORT);
            } else {
                edge(BackupComponent.NAME, INTERNET, 443);
            }
        }
        if (vault) {
            edge("vault", API_SERVER, 443);
            edge("vault", API_SERVER, 6443);
            edge(ANYWHERE, "vault", VAULT_INJECTOR_PORT);
        }
        if (InfrastructureConfig.enabled(infra.unleash())) {
            edge(UnleashComponent.SERVICE, PgBouncerComponent.SERVICE, PgBouncerComponent.PORT);
            edge(UnleashComponent.SERVICE, "vault", VAULT_PORT);
            if (infra.unleash().host() != null) {
                edge(TRAEFIK, UnleashComponent.SERVICE, UnleashComponent.PORT);
            }
        }
        if (InfrastructureConfig.enabled(infra.grafana())) {
            edge("grafana", "prometheus", PROMETHEUS_PORT);
            if (InfrastructureConfig.enabled(infra.loki())) {
                edge("grafana", "loki", LokiComponent.PORT);
            }
            edge("grafana", "vault", VAULT_PORT);
            if (infra.grafana().host() != null) {
                edge(TRAEFIK, "grafana", GRAFANA_PORT);
            }
        }
        if (InfrastructureConfig.enabled(infra.promtail())) {
            edge("promtail", "loki", LokiComponent.PORT);
            edge("promtail", API_SERVER, 443);
            edge("promtail", API_SERVER, 6443);
        }
        if (InfrastructureConfig.enabled(infra.loki())) {
            edge("loki", "loki", LokiComponent.PORT);
            edge("loki", "loki", LOKI_GRPC_PORT);
            edge("loki", "loki", LOKI_MEMBERLIST_PORT);
        }
        if (InfrastructureConfig.enabled(infra.prometheus())) {
            edge("prometheus", API_SERVER, 443);
            edge("prometheus", API_SERVER, 6443);
            edge("prometheus", "prometheus", PROMETHEUS_PORT);
            edge("prometheus", "prometheus", KUBE_STATE_METRICS_PORT);
            edge("prometheus", NODE, PrometheusComponent.NODE_EXPORTER_PORT);
            if (InfrastructureConfig.enabled(infra.apolloRouter())) {
                edge("prometheus", ApolloRouterComponent.SERVICE, ApolloRouterComponent.METRICS_PORT);
            }
        }
        if (InfrastructureConfig.enabled(infra.minio())) {
            edge("minio", "minio", MinioComponent.PORT);
        }
        if (InfrastructureConfig.enabled(infra.apolloRouter())) {
            if (infra.apolloRouter().host() != null) {
                edge(TRAEFIK, ApolloRouterComponent.SERVICE, ApolloRouterComponent.PORT);
            }
            for (String subgraph : subgraphs(infra.apolloRouter())) {
                config.apps().stream().filter(a -> a.name().equals(subgraph)).findFirst()
                        .ifPresent(app -> edge(ApolloRouterComponent.SERVICE, app.name(), app.port()));
            }
        }
    }

    /** The services the supergraph routes to ({@code @join__graph(url: "http://<service>/...")}). */
    private List<String> subgraphs(InfrastructureConfig.ApolloRouter router) {
        try {
            String schema = Files.readString(context.loaded().baseDir().resolve(router.supergraphFile()));
            List<String> services = new ArrayList<>();
            Matcher m = SUBGRAPH.matcher(schema);
            while (m.find()) {
                services.add(m.group(1));
            }
            return services;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the supergraph " + router.supergraphFile(), e);
        }
    }

    static final int VAULT_PORT = 8200;
    static final int VAULT_INJECTOR_PORT = 8080;
    static final int PROMETHEUS_PORT = PrometheusComponent.PORT;
    static final int KUBE_STATE_METRICS_PORT = 8080;
    static final int GRAFANA_PORT = 3000;
    static final int LOKI_GRPC_PORT = 9095;
    static final int LOKI_MEMBERLIST_PORT = 7946;
}
