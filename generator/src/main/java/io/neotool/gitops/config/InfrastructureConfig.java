package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shared infrastructure of the namespace. Each component is optional in the file; an absent one
 * is disabled. Chart repositories and names are facts of the component classes; versions live here.
 */
public record InfrastructureConfig(
        Vault vault,
        Postgres postgres,
        PgBouncer pgbouncer,
        Kafka kafka,
        ApolloRouter apolloRouter,
        Prometheus prometheus,
        Grafana grafana,
        Loki loki,
        Promtail promtail,
        Unleash unleash,
        Minio minio) {

    private static boolean on(Boolean enabled) {
        return enabled == null || enabled;
    }

    /** Vault server (standalone, file storage) with its agent injector. */
    public record Vault(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources) {
        public boolean isEnabled() { return on(enabled); }
    }

    /** The shared PostgreSQL server (plain StatefulSet). */
    public record Postgres(
            Boolean enabled,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources,
            Integer maxConnections,
            String sharedBuffers,
            @JsonProperty(required = true) VaultRef superuserPassword) {
        public Postgres {
            maxConnections = maxConnections == null ? 200 : maxConnections;
            sharedBuffers = sharedBuffers == null ? "128MB" : sharedBuffers;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** PgBouncer in front of PostgreSQL; every app reaches the database through it. */
    public record PgBouncer(
            Boolean enabled,
            @JsonProperty(required = true) String image,
            Integer replicas,
            @JsonProperty(required = true) Resources resources,
            String poolMode,
            Integer maxClientConn,
            Integer defaultPoolSize,
            @JsonProperty(required = true) VaultRef authUserPassword) {
        public PgBouncer {
            replicas = replicas == null ? 1 : replicas;
            poolMode = poolMode == null ? "transaction" : poolMode;
            maxClientConn = maxClientConn == null ? 500 : maxClientConn;
            defaultPoolSize = defaultPoolSize == null ? 20 : defaultPoolSize;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** Single-node Kafka in KRaft combined mode (broker and controller in one process). */
    public record Kafka(
            Boolean enabled,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources,
            @JsonProperty(required = true) String clusterId,
            String heapOpts,
            Integer defaultPartitions) {
        public Kafka {
            heapOpts = heapOpts == null ? "-Xms512m -Xmx512m" : heapOpts;
            defaultPartitions = defaultPartitions == null ? 3 : defaultPartitions;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** Apollo Router, the GraphQL gateway, serving a supergraph committed beside the config. */
    public record ApolloRouter(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            Integer replicas,
            @JsonProperty(required = true) Resources resources,
            String host,
            @JsonProperty(required = true) String supergraphFile) {
        public ApolloRouter {
            replicas = replicas == null ? 1 : replicas;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** Prometheus server (chart subcharts kept lean for a single node). */
    public record Prometheus(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            String retention,
            @JsonProperty(required = true) Resources resources) {
        public Prometheus {
            retention = retention == null ? "15d" : retention;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** Grafana with Prometheus and Loki provisioned as data sources. */
    public record Grafana(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources,
            String host,
            @JsonProperty(required = true) VaultRef adminPassword) {
        public boolean isEnabled() { return on(enabled); }
    }

    /** Loki in single-binary mode on the filesystem. */
    public record Loki(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            String retention,
            @JsonProperty(required = true) Resources resources) {
        public Loki {
            retention = retention == null ? "168h" : retention;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** Promtail shipping the node's pod logs to Loki. */
    public record Promtail(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) Resources resources) {
        public boolean isEnabled() { return on(enabled); }
    }

    /** Unleash feature flags on the shared PostgreSQL. */
    public record Unleash(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            Integer replicas,
            @JsonProperty(required = true) Resources resources,
            String host,
            String database,
            @JsonProperty(required = true) VaultRef databasePassword) {
        public Unleash {
            replicas = replicas == null ? 1 : replicas;
            database = database == null ? "unleash" : database;
        }
        public boolean isEnabled() { return on(enabled); }
    }

    /** MinIO, the S3 stand-in of dev clusters (production uses Cloudflare R2). */
    public record Minio(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources) {
        public boolean isEnabled() { return on(enabled); }
    }
}
