package io.neotool.gitops.component;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an app gets from what it {@code uses}: the env that points it at each component (the
 * PgBouncer host and database, Kafka's bootstrap servers and topics, Unleash's API, the Router),
 * the Vault secrets rendered into its pod, and the network edges to each component it uses.
 */
public record AppWiring(Map<String, String> env, Map<String, VaultRef> secrets) {

    /** The env (sorted) and the Vault secrets (file name to reference) of {@code app}. */
    public static AppWiring of(AppConfig app) {
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        AppConfig.Uses uses = app.uses();
        Map<String, String> env = new TreeMap<>(app.env());
        env.put("PORT", String.valueOf(app.port()));
        if (uses.database() != null) {
            String db = uses.database().name();
            env.put("DATABASE_HOST", PgBouncerComponent.SERVICE);
            env.put("DATABASE_PORT", String.valueOf(PgBouncerComponent.PORT));
            env.put("DATABASE_NAME", db);
            env.put("DATABASE_USER", db);
            env.put("DATABASE_PASSWORD_FILE", Workloads.VAULT_SECRETS_DIR + "database-password");
            if (app.type() == AppConfig.AppType.KOTLIN) {
                // PgBouncer pools transactions: server-side prepared statements must stay off.
                env.put(
                        "DATABASE_JDBC_URL",
                        "jdbc:postgresql://"
                                + PgBouncerComponent.SERVICE
                                + ":"
                                + PgBouncerComponent.PORT
                                + "/"
                                + db
                                + "?prepareThreshold=0");
            }
            secrets.put("database-password", uses.database().password());
        }
        if (!uses.kafkaTopics().isEmpty()) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaComponent.bootstrap());
            env.put("KAFKA_TOPICS", String.join(",", uses.kafkaTopics()));
        }
        if (uses.featureFlags()) {
            env.put(
                    "UNLEASH_URL",
                    "http://" + UnleashComponent.SERVICE + ":" + UnleashComponent.PORT + "/api");
        }
        if (uses.graphql()) {
            env.put(
                    "GRAPHQL_URL",
                    "http://"
                            + ApolloRouterComponent.SERVICE
                            + "/graphql"); // the chart's Service listens on 80
        }
        for (AppConfig.Secret secret : uses.secrets()) {
            env.put(
                    secret.env().toUpperCase(Locale.ROOT) + "_FILE",
                    Workloads.VAULT_SECRETS_DIR + secret.name());
            secrets.put(secret.name(), secret.from());
        }
        return new AppWiring(env, secrets);
    }

    /** The paths an app's {@code uses} implies, its public route and its metrics. */
    public static List<NetworkGraph.Edge> edges(AppConfig app, EnvironmentConfig config) {
        List<NetworkGraph.Edge> edges = new ArrayList<>();
        AppConfig.Uses uses = app.uses();
        if (uses.database() != null) {
            edges.add(
                    new NetworkGraph.Edge(
                            app.name(), PgBouncerComponent.SERVICE, PgBouncerComponent.PORT));
        }
        if (!uses.kafkaTopics().isEmpty()) {
            edges.add(
                    new NetworkGraph.Edge(app.name(), KafkaComponent.SERVICE, KafkaComponent.PORT));
        }
        if (uses.featureFlags()) {
            edges.add(
                    new NetworkGraph.Edge(
                            app.name(), UnleashComponent.SERVICE, UnleashComponent.PORT));
        }
        if (uses.graphql()) {
            edges.add(
                    new NetworkGraph.Edge(
                            app.name(), ApolloRouterComponent.SERVICE, ApolloRouterComponent.PORT));
        }
        if (NetworkGraph.vault(config) && !AppComponent.vaultPaths(app).isEmpty()) {
            edges.add(new NetworkGraph.Edge(app.name(), "vault", NetworkGraph.VAULT_PORT));
        }
        if (app.isPublic()) {
            edges.add(new NetworkGraph.Edge(NetworkGraph.TRAEFIK, app.name(), app.port()));
        }
        if (app.metricsPort() != null && NetworkGraph.prometheus(config)) {
            edges.add(
                    new NetworkGraph.Edge(
                            PrometheusComponent.SERVICE, app.name(), app.metricsPort()));
        }
        return edges;
    }
}
