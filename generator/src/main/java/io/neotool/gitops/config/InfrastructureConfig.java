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

    /** Whether the config declares that the component's image cannot meet {@code control}. */
    public static boolean exempt(
            java.util.List<SecurityExemption> exemptions, SecurityExemption.Control control) {
        return exemptions.stream().anyMatch(e -> e.control() == control);
    }

    /** The components present in the config, by key, in the order of the file's schema. */
    public java.util.Map<String, ComponentSettings> components() {
        java.util.Map<String, ComponentSettings> all = new java.util.LinkedHashMap<>();
        java.util.Map<String, ComponentSettings> listed = new java.util.LinkedHashMap<>();
        all.put("vault", vault);
        all.put("postgres", postgres);
        all.put("pgbouncer", pgbouncer);
        all.put("kafka", kafka);
        all.put("apolloRouter", apolloRouter);
        all.put("prometheus", prometheus);
        all.put("grafana", grafana);
        all.put("loki", loki);
        all.put("promtail", promtail);
        all.put("unleash", unleash);
        all.put("minio", minio);
        all.forEach(
                (key, settings) -> {
                    if (settings != null) {
                        listed.put(key, settings);
                    }
                });
        return listed;
    }

    /** Whether the component is in the config and not switched off. */
    public static boolean enabled(ComponentSettings settings) {
        return settings != null && settings.isEnabled();
    }

    /** Vault server (standalone, file storage) with its agent injector. */
    public record Vault(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources)
            implements ComponentSettings.Chart, ComponentSettings.Storage {}

    /** The shared PostgreSQL server (plain StatefulSet). */
    public record Postgres(
            Boolean enabled,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources,
            Integer maxConnections,
            String sharedBuffers,
            @JsonProperty(required = true) VaultRef superuserPassword,
            java.util.List<SecurityExemption> exemptions)
            implements ComponentSettings, ComponentSettings.Storage {
        public Postgres {
            exemptions =
                    exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
            maxConnections = maxConnections == null ? 200 : maxConnections;
            sharedBuffers = sharedBuffers == null ? "128MB" : sharedBuffers;
        }

        /** The PostgreSQL major versions whose image layout the generator knows. */
        public static final java.util.SortedSet<Integer> KNOWN_MAJORS =
                java.util.Collections.unmodifiableSortedSet(
                        new java.util.TreeSet<>(java.util.List.of(13, 14, 15, 16, 17, 18)));

        /**
         * The major version the image tag starts with ({@code 18rc1} → 18, {@code 17.6-bookworm} →
         * 17), or -1.
         */
        public int major() {
            ImageRef ref = ImageRef.parse(image);
            java.util.regex.Matcher m =
                    ref == null || ref.tag() == null
                            ? null
                            : java.util.regex.Pattern.compile("^(\\d+)").matcher(ref.tag());
            return m != null && m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        /**
         * Where the image keeps its data: from 18 on the image's volume is {@code
         * /var/lib/postgresql} and {@code PGDATA} a versioned folder below it; up to 17 the
         * declared volume is {@code /var/lib/postgresql/data} itself, so the claim must be mounted
         * there, or the data lands in an anonymous volume that a restarted pod does not get back.
         */
        public String dataMountPath() {
            return major() >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
        }

        /** {@code PGDATA} to set, or null where the image's default lies on the claim (18 on). */
        public String pgdata() {
            return major() >= 18 ? null : "/var/lib/postgresql/data/pgdata";
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.positive(path + ".maxConnections", maxConnections);
            rules.check(
                    sharedBuffers.matches("^\\d+(kB|MB|GB)$"),
                    path + ".sharedBuffers",
                    "'" + sharedBuffers + "' is not a PostgreSQL memory size",
                    "for example 256MB");
            rules.vault(path + ".superuserPassword", superuserPassword);
            ImageRef ref = ImageRef.parse(image);
            if (ref != null && ref.pinned()) {
                rules.check(
                        KNOWN_MAJORS.contains(major()),
                        path + ".image",
                        "'"
                                + image
                                + "' is not a PostgreSQL major version the generator knows (its data path depends on it)",
                        "known majors: "
                                + KNOWN_MAJORS.stream()
                                        .map(String::valueOf)
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + ", with tags like postgres:18rc1 or postgres:17.6");
            }
        }
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
            @JsonProperty(required = true) VaultRef authUserPassword,
            java.util.List<SecurityExemption> exemptions)
            implements ComponentSettings {
        public PgBouncer {
            exemptions =
                    exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
            replicas = replicas == null ? 1 : replicas;
            poolMode = poolMode == null ? "transaction" : poolMode;
            maxClientConn = maxClientConn == null ? 500 : maxClientConn;
            defaultPoolSize = defaultPoolSize == null ? 20 : defaultPoolSize;
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.positive(path + ".replicas", replicas);
            rules.check(
                    java.util.Set.of("session", "transaction", "statement").contains(poolMode),
                    path + ".poolMode",
                    "'" + poolMode + "' is not a pool mode",
                    "one of: session, transaction, statement");
            rules.positive(path + ".maxClientConn", maxClientConn);
            rules.positive(path + ".defaultPoolSize", defaultPoolSize);
            rules.vault(path + ".authUserPassword", authUserPassword);
            rules.requires(
                    path,
                    isEnabled(),
                    "PostgreSQL",
                    InfrastructureConfig.enabled(rules.config().infrastructure().postgres()));
        }
    }

    /** Single-node Kafka in KRaft combined mode (broker and controller in one process). */
    public record Kafka(
            Boolean enabled,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources,
            @JsonProperty(required = true) String clusterId,
            String heapOpts,
            Integer defaultPartitions,
            java.util.List<SecurityExemption> exemptions)
            implements ComponentSettings, ComponentSettings.Storage {
        public Kafka {
            exemptions =
                    exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
            heapOpts = heapOpts == null ? "-Xms512m -Xmx512m" : heapOpts;
            defaultPartitions = defaultPartitions == null ? 3 : defaultPartitions;
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.check(
                    clusterId.matches("^[A-Za-z0-9_-]{22}$"),
                    path + ".clusterId",
                    "'" + clusterId + "' is not a Kafka cluster id",
                    "22 characters of URL-safe base64, as printed by kafka-storage.sh random-uuid");
            rules.positive(path + ".defaultPartitions", defaultPartitions);
        }
    }

    /** Apollo Router, the GraphQL gateway, serving a supergraph committed beside the config. */
    public record ApolloRouter(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            Integer replicas,
            @JsonProperty(required = true) Resources resources,
            String host,
            @JsonProperty(required = true) String supergraphFile)
            implements ComponentSettings.Chart {
        public ApolloRouter {
            replicas = replicas == null ? 1 : replicas;
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.positive(path + ".replicas", replicas);
            java.nio.file.Path base = rules.baseDir();
            if (isEnabled() && base != null) {
                java.nio.file.Path supergraph = base.resolve(supergraphFile).normalize();
                rules.check(
                        supergraph.startsWith(base.normalize())
                                && java.nio.file.Files.isRegularFile(supergraph),
                        path + ".supergraphFile",
                        "no supergraph file '" + supergraphFile + "' beside the config",
                        "the path is relative to the config's folder, e.g. supergraph/production.graphql");
            }
        }
    }

    /** Prometheus server (chart subcharts kept lean for a single node). */
    public record Prometheus(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            String retention,
            @JsonProperty(required = true) Resources resources)
            implements ComponentSettings.Chart, ComponentSettings.Storage {
        public Prometheus {
            retention = retention == null ? "15d" : retention;
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.check(
                    retention.matches("^\\d+[dhwy]$"),
                    path + ".retention",
                    "'" + retention + "' is not a retention",
                    "for example 15d");
        }
    }

    /** Grafana with Prometheus and Loki provisioned as data sources. */
    public record Grafana(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources,
            String host,
            @JsonProperty(required = true) VaultRef adminPassword)
            implements ComponentSettings.Chart, ComponentSettings.Storage {

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.vault(path + ".adminPassword", adminPassword);
            rules.requires(
                    path,
                    isEnabled(),
                    "Prometheus",
                    InfrastructureConfig.enabled(rules.config().infrastructure().prometheus()));
        }
    }

    /** Loki in single-binary mode on the filesystem. */
    public record Loki(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            String retention,
            @JsonProperty(required = true) Resources resources)
            implements ComponentSettings.Chart, ComponentSettings.Storage {
        public Loki {
            retention = retention == null ? "168h" : retention;
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.duration(path + ".retention", retention);
        }
    }

    /** Promtail shipping the node's pod logs to Loki. */
    public record Promtail(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) Resources resources)
            implements ComponentSettings.Chart {

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.requires(
                    path,
                    isEnabled(),
                    "Loki",
                    InfrastructureConfig.enabled(rules.config().infrastructure().loki()));
        }
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
            @JsonProperty(required = true) VaultRef databasePassword)
            implements ComponentSettings.Chart {
        public Unleash {
            replicas = replicas == null ? 1 : replicas;
            database = database == null ? "unleash" : database;
        }

        @Override
        public void validate(ConfigRules rules, String path) {
            rules.positive(path + ".replicas", replicas);
            rules.sqlName(path + ".database", database);
            rules.vault(path + ".databasePassword", databasePassword);
            rules.requires(
                    path,
                    isEnabled(),
                    "PgBouncer",
                    InfrastructureConfig.enabled(rules.config().infrastructure().pgbouncer()));
        }
    }

    /** MinIO, the S3 stand-in of dev clusters (production uses Cloudflare R2). */
    public record Minio(
            Boolean enabled,
            @JsonProperty(required = true) String chartVersion,
            @JsonProperty(required = true) String image,
            @JsonProperty(required = true) String storage,
            @JsonProperty(required = true) Resources resources)
            implements ComponentSettings.Chart, ComponentSettings.Storage {}
}
