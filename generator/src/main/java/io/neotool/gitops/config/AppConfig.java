package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One NeoTool workload: a Kotlin service or the Next.js web front end. */
public record AppConfig(
        @JsonPropertyDescription(
                        "The app's name (a DNS label): its Deployment, Service, ServiceAccount, Vault role and Flux Kustomization are named after it.")
                @JsonProperty(required = true)
                String name,
        @JsonPropertyDescription(
                        "kotlin (a Spring Boot service: actuator probes, metrics at /actuator/prometheus) or nextjs (a web front end: metrics at /metrics).")
                @JsonProperty(required = true)
                AppType type,
        @JsonPropertyDescription("The app's container image as repository:tag, the tag pinned.")
                @JsonProperty(required = true)
                String image,
        @JsonPropertyDescription(
                        "The port the app listens on for HTTP; the Service exposes it as port 80.")
                @JsonProperty(required = true)
                Integer port,
        @JsonPropertyDescription(
                        "A separate port for Prometheus metrics, when the app serves them apart from port. Leave it out to scrape the app port.")
                Integer metricsPort,
        @JsonPropertyDescription("Number of pods (at least 1). Default 1.") Integer replicas,
        @JsonPropertyDescription("CPU and memory requests and limits of the app's container.")
                @JsonProperty(required = true)
                Resources resources,
        @JsonPropertyDescription(
                        "Plain environment variables (name: value); PORT is set from port. Values that look like credentials are refused: put those in Vault and list them under uses.secrets.")
                Map<String, String> env,
        @JsonPropertyDescription(
                        "HTTP paths of the liveness and readiness probes and the startup allowance. Leave it out for the type's defaults (kotlin: /actuator/health/liveness and /readiness; nextjs: /api/health).")
                Probes probes,
        @JsonPropertyDescription(
                        "Public host name of the app, served by Traefik with a Let's Encrypt certificate; must lie under cluster.domain. Leave it out for an app reached only inside the cluster.")
                String host,
        @JsonPropertyDescription(
                        "What the app connects to: its database, Kafka topics and consumer group, Vault secrets, feature flags, the GraphQL router. The generator derives its network policies, Vault policy, environment and alerts from it.")
                Uses uses,
        @JsonPropertyDescription(
                        "The Flux Kustomization that applies the app together with the other apps of the group, named as given (a team or domain, e.g. payments). Leave it out for a Kustomization of the app's own, named after it: a failure of the app then holds up nothing else. Group when there are hundreds of apps: each Kustomization is a kustomize build on every sync (1,000 apps alone: about 115 s of kustomize-controller per sync; in 64 groups: 13 s), and an app's failure holds up its group.")
                @org.jspecify.annotations.Nullable
                String group) {

    public AppConfig {
        replicas = replicas == null ? 1 : replicas;
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
        probes = probes == null ? type == null ? null : type.defaultProbes() : probes;
        uses = uses == null ? Uses.NOTHING : uses;
    }

    /** Path Prometheus scrapes on the metrics port. */
    public String metricsPath() {
        return type == AppType.KOTLIN ? "/actuator/prometheus" : "/metrics";
    }

    /**
     * The Kafka consumer group the app reads its topics as: {@code uses.consumerGroup}, by default
     * the app's name. Set it to the old name when renaming an app, so that it keeps its committed
     * offsets.
     */
    public String consumerGroup() {
        String group = uses.consumerGroup();
        return group == null ? name : group;
    }

    public boolean isPublic() {
        return host != null;
    }

    public enum AppType {
        @JsonProperty("kotlin")
        KOTLIN,
        @JsonProperty("nextjs")
        NEXTJS;

        /** Spring Boot Actuator's health groups; Next.js's health route. */
        public Probes defaultProbes() {
            return switch (this) {
                case KOTLIN ->
                        new Probes("/actuator/health/liveness", "/actuator/health/readiness", 30);
                case NEXTJS -> new Probes("/api/health", "/api/health", 10);
            };
        }
    }

    /** HTTP probe paths on the app port; startup allows for the JVM's warm-up. */
    public record Probes(
            @JsonPropertyDescription(
                            "HTTP path of the liveness probe (a failing pod is restarted).")
                    @JsonProperty(required = true)
                    String liveness,
            @JsonPropertyDescription(
                            "HTTP path of the readiness probe (a pod that fails it gets no traffic).")
                    @JsonProperty(required = true)
                    String readiness,
            @JsonPropertyDescription(
                            "Seconds the app may take to start before the liveness probe counts. Default 30.")
                    Integer startupSeconds) {
        public Probes {
            startupSeconds = startupSeconds == null ? 30 : startupSeconds;
        }
    }

    /** What the app depends on; each entry wires env, Vault annotations and the Flux order. */
    public record Uses(
            @JsonPropertyDescription(
                            "The app's own PostgreSQL database and owner role, created by the postgres-databases Job; the app reaches it through PgBouncer (DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USER, DATABASE_JDBC_URL, DATABASE_PASSWORD_FILE).")
                    @Nullable Database database,
            @JsonPropertyDescription(
                            "Kafka topics the app produces to or consumes from; the topics Job creates each with kafka.defaultPartitions partitions (KAFKA_BOOTSTRAP_SERVERS is set).")
                    List<String> kafkaTopics,
            @JsonPropertyDescription(
                            "The app's Kafka consumer group (KAFKA_CONSUMER_GROUP). Defaults to the app's name; renaming it makes the app read its topics from the start or the end, as the review warns.")
                    @Nullable String consumerGroup,
            @JsonPropertyDescription(
                            "Vault secrets the app reads: the Vault agent renders each into a file under /vault/secrets/, and <ENV>_FILE names it.")
                    List<Secret> secrets,
            @JsonPropertyDescription(
                            "Whether the app reads feature flags from Unleash (UNLEASH_URL; its API token is one of uses.secrets). Default false.")
                    Boolean featureFlags,
            @JsonPropertyDescription(
                            "Whether the app calls the GraphQL gateway (GRAPHQL_URL; opens the network path to the Apollo Router). Default false.")
                    Boolean graphql) {
        public static final Uses NOTHING = new Uses(null, List.of(), null, List.of(), false, false);

        public Uses {
            kafkaTopics = kafkaTopics == null ? List.of() : List.copyOf(kafkaTopics);
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
            featureFlags = featureFlags != null && featureFlags;
            graphql = graphql != null && graphql;
        }
    }

    /** A database of the shared PostgreSQL, reached through PgBouncer; the user is the app name. */
    public record Database(
            @JsonPropertyDescription(
                            "Name of the database and of its owner role (a PostgreSQL identifier). Renaming it creates a new, empty database: the review flags it.")
                    @JsonProperty(required = true)
                    String name,
            @JsonPropertyDescription(
                            "Vault reference of the owner's password; the databases Job sets it on the role, and the app reads it from the file DATABASE_PASSWORD_FILE names.")
                    @JsonProperty(required = true)
                    VaultRef password) {}

    /**
     * A Vault secret rendered to {@code /vault/secrets/<name>} and announced in {@code <ENV>_FILE}.
     */
    public record Secret(
            @JsonPropertyDescription("File name of the secret under /vault/secrets/ in the pod.")
                    @JsonProperty(required = true)
                    String name,
            @JsonPropertyDescription("Vault reference (KV v2 path and key) of the value.")
                    @JsonProperty(required = true)
                    VaultRef from,
            @JsonPropertyDescription(
                            "Name of the variable: <ENV>_FILE holds the path of the file with the value.")
                    @JsonProperty(required = true)
                    String env) {}
}
