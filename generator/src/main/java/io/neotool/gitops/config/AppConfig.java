package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** One NeoTool workload: a Kotlin service or the Next.js web front end. */
public record AppConfig(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) AppType type,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) Integer port,
        Integer metricsPort,
        Integer replicas,
        @JsonProperty(required = true) Resources resources,
        Map<String, String> env,
        Probes probes,
        String host,
        Uses uses) {

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
            @JsonProperty(required = true) String liveness,
            @JsonProperty(required = true) String readiness,
            Integer startupSeconds) {
        public Probes {
            startupSeconds = startupSeconds == null ? 30 : startupSeconds;
        }
    }

    /** What the app depends on; each entry wires env, Vault annotations and the Flux order. */
    public record Uses(
            @Nullable Database database,
            List<String> kafkaTopics,
            @Nullable String consumerGroup,
            List<Secret> secrets,
            Boolean featureFlags,
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
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) VaultRef password) {}

    /**
     * A Vault secret rendered to {@code /vault/secrets/<name>} and announced in {@code <ENV>_FILE}.
     */
    public record Secret(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) VaultRef from,
            @JsonProperty(required = true) String env) {}
}
