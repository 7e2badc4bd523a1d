package io.neotool.gitops.config;

import io.neotool.gitops.config.AppConfig.Secret;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that types cannot express: names, pinned versions, quantities, references that
 * resolve.
 */
final class ConfigValidator {
    /** Service names the infrastructure takes in the namespace; an app may not take them too. */
    static final Set<String> RESERVED_NAMES =
            Set.of(
                    "vault",
                    "vault-agent-injector-svc",
                    "postgres",
                    "postgres-headless",
                    "pgbouncer",
                    "kafka",
                    "kafka-headless",
                    "apollo-router",
                    "prometheus",
                    "prometheus-kube-state-metrics",
                    "grafana",
                    "loki",
                    "loki-headless",
                    "promtail",
                    "unleash",
                    "minio",
                    "database-backup",
                    "postgres-databases");

    private final SourceMap map;
    private final Path baseDir;
    private ConfigRules rules;

    ConfigValidator(SourceMap map, Path baseDir) {
        this.map = map;
        this.baseDir = baseDir;
    }

    void validate(EnvironmentConfig c, List<ConfigProblem> out) {
        this.rules = new ConfigRules(map, out, c, baseDir);
        ClusterConfig cluster = c.cluster();
        rules.dnsLabel("cluster.name", cluster.name());
        rules.check(
                ConfigRules.DNS_NAME.matcher(cluster.domain()).matches(),
                "cluster.domain",
                "'" + cluster.domain() + "' is not a DNS domain",
                "for example neotool.io");
        var version = ConfigRules.KUBERNETES_VERSION.matcher(cluster.kubernetesVersion());
        boolean supported =
                version.matches()
                        && Integer.parseInt(version.group(1)) >= ConfigRules.MIN_KUBERNETES_MINOR
                        && Integer.parseInt(version.group(1)) <= ConfigRules.MAX_KUBERNETES_MINOR;
        rules.check(
                supported,
                "cluster.kubernetesVersion",
                "unsupported Kubernetes version '" + cluster.kubernetesVersion() + "'",
                "supported: 1."
                        + ConfigRules.MIN_KUBERNETES_MINOR
                        + " to 1."
                        + ConfigRules.MAX_KUBERNETES_MINOR
                        + ", written as \"1.33\"");
        rules.dnsLabel("cluster.storageClass", cluster.storageClass());
        rules.dnsLabel("cluster.ingressClass", cluster.ingressClass());
        rules.check(
                c.git().url().matches("^(ssh://|https://)\\S+$"),
                "git.url",
                "'" + c.git().url() + "' is not an ssh:// or https:// Git URL",
                "as given to flux bootstrap");
        rules.check(
                !c.git().url().matches("^https://[^/@]+:[^/@]+@.*"),
                "git.url",
                "the Git URL carries a password",
                "flux bootstrap keeps credentials in the flux-system Secret");
        rules.duration("flux.interval", c.flux().interval());
        rules.duration("flux.retryInterval", c.flux().retryInterval());
        rules.duration("flux.timeout", c.flux().timeout());
        rules.dnsLabel("namespace", c.namespace());
        rules.dnsLabel("agentsNamespace", c.agentsNamespace());
        rules.check(
                !c.agentsNamespace().equals(c.namespace()),
                "agentsNamespace",
                "the node agents' namespace is the NeoTool namespace '" + c.namespace() + "'",
                "the agents need privileged pods, which the NeoTool namespace refuses; name another namespace");

        InfrastructureConfig infra = c.infrastructure();
        infra.components()
                .forEach(
                        (key, settings) -> {
                            String path = "infrastructure." + key;
                            if (settings instanceof ComponentSettings.Chart chart) {
                                rules.chart(path, chart.chartVersion());
                            }
                            rules.image(path + ".image", settings.image());
                            if (settings instanceof ComponentSettings.Storage storage) {
                                rules.memory(path + ".storage", storage.storage());
                            }
                            rules.resources(path + ".resources", settings.resources());
                            rules.host(path + ".host", settings.host(), cluster.domain());
                            settings.validate(rules, path);
                        });
        Map<String, String> hosts = new HashMap<>();
        infra.components()
                .forEach(
                        (key, settings) ->
                                hostOnce(
                                        hosts, "infrastructure." + key + ".host", settings.host()));
        for (int i = 0; i < c.apps().size(); i++) {
            hostOnce(hosts, "apps[" + i + "].host", c.apps().get(i).host());
        }
        Map<String, Integer> appNames = new HashMap<>();
        Map<String, String> databases = new HashMap<>();
        if (ConfigRules.enabled(infra.get(UnleashSettings.class))) {
            databases.put(
                    infra.get(UnleashSettings.class).database(), "infrastructure.unleash.database");
        }
        for (int i = 0; i < c.apps().size(); i++) {
            app(c, i, appNames, databases);
        }
        if (c.backups() != null) {
            backups(c);
        }
        for (int i = 0; i < c.validation().skipSchemaFor().size(); i++) {
            String gvk = c.validation().skipSchemaFor().get(i);
            rules.check(
                    gvk.matches("^([a-z0-9.-]+/)?v[0-9a-z]+/[A-Z][A-Za-z0-9]*$"),
                    "validation.skipSchemaFor[" + i + "]",
                    "'" + gvk + "' is not group/version/Kind",
                    "for example example.com/v1/Widget");
        }
    }

    private void app(
            EnvironmentConfig c, int i, Map<String, Integer> names, Map<String, String> databases) {
        AppConfig app = c.apps().get(i);
        String at = "apps[" + i + "]";
        InfrastructureConfig infra = c.infrastructure();
        if (rules.dnsLabel(at + ".name", app.name())) {
            Integer first = names.putIfAbsent(app.name(), i);
            rules.check(
                    first == null,
                    at + ".name",
                    "two apps are named '" + app.name() + "'",
                    "the first is apps[" + first + "]; app names are unique");
            rules.check(
                    !RESERVED_NAMES.contains(app.name()),
                    at + ".name",
                    "'" + app.name() + "' is the name of an infrastructure service",
                    "choose another app name");
        }
        rules.image(at + ".image", app.image());
        rules.check(
                app.port() >= 1024 && app.port() <= 65535,
                at + ".port",
                "expected a port from 1024 to 65535, got " + app.port(),
                "apps run unprivileged on high ports");
        if (app.metricsPort() != null) {
            rules.check(
                    app.metricsPort() >= 1024 && app.metricsPort() <= 65535,
                    at + ".metricsPort",
                    "expected a port from 1024 to 65535, got " + app.metricsPort(),
                    null);
            rules.check(
                    !app.metricsPort().equals(app.port()),
                    at + ".metricsPort",
                    "port conflict: the metrics port "
                            + app.metricsPort()
                            + " is also the app port",
                    "serve metrics on their own port (Spring: management.server.port), or leave metricsPort out");
        }
        rules.positive(at + ".replicas", app.replicas());
        rules.resources(at + ".resources", app.resources());
        app.env()
                .forEach(
                        (name, value) -> {
                            rules.check(
                                    ConfigRules.ENV_NAME.matcher(name).matches(),
                                    at + ".env." + name,
                                    "'" + name + "' is not an environment variable name",
                                    null);
                            rules.check(
                                    !Credentials.SECRET_NAME.matcher(name).matches()
                                            || value.isEmpty(),
                                    at + ".env." + name,
                                    "a plaintext secret in the config",
                                    "declare it under uses.secrets with its Vault path");
                            rules.check(
                                    Credentials.SECRET_NAME.matcher(name).matches()
                                            || !(Credentials.LITERAL.matcher(value).find()
                                                    || Credentials.highEntropyToken(value)),
                                    at + ".env." + name,
                                    "the value looks like a credential",
                                    "keep credentials in Vault and declare them under uses.secrets");
                        });
        if (app.probes() != null) {
            rules.check(
                    app.probes().liveness().startsWith("/"),
                    at + ".probes.liveness",
                    "a probe path starts with '/'",
                    null);
            rules.check(
                    app.probes().readiness().startsWith("/"),
                    at + ".probes.readiness",
                    "a probe path starts with '/'",
                    null);
            rules.positive(at + ".probes.startupSeconds", app.probes().startupSeconds());
        }
        rules.host(at + ".host", app.host(), c.cluster().domain());
        AppConfig.Uses uses = app.uses();
        if (uses.database() != null) {
            String path = at + ".uses.database";
            if (rules.sqlName(path + ".name", uses.database().name())) {
                String other = databases.putIfAbsent(uses.database().name(), path);
                rules.check(
                        other == null,
                        path + ".name",
                        "database '" + uses.database().name() + "' is taken by " + other,
                        "each app owns its database");
            }
            rules.vault(path + ".password", uses.database().password());
            rules.requires(
                    path,
                    true,
                    "PgBouncer",
                    ConfigRules.enabled(infra.get(PgBouncerSettings.class)));
        }
        for (int t = 0; t < uses.kafkaTopics().size(); t++) {
            String topic = uses.kafkaTopics().get(t);
            rules.check(
                    ConfigRules.TOPIC.matcher(topic).matches(),
                    at + ".uses.kafkaTopics[" + t + "]",
                    "'" + topic + "' is not a Kafka topic name",
                    null);
        }
        if (!uses.kafkaTopics().isEmpty()) {
            rules.requires(
                    at + ".uses.kafkaTopics",
                    true,
                    "Kafka",
                    ConfigRules.enabled(infra.get(KafkaSettings.class)));
        }
        Map<String, Integer> secretNames = new HashMap<>();
        for (int s = 0; s < uses.secrets().size(); s++) {
            Secret secret = uses.secrets().get(s);
            String path = at + ".uses.secrets[" + s + "]";
            if (rules.dnsLabel(path + ".name", secret.name())) {
                rules.check(
                        secretNames.putIfAbsent(secret.name(), s) == null,
                        path + ".name",
                        "two secrets of the app are named '" + secret.name() + "'",
                        null);
            }
            rules.vault(path + ".from", secret.from());
            rules.check(
                    ConfigRules.ENV_NAME.matcher(secret.env()).matches(),
                    path + ".env",
                    "'" + secret.env() + "' is not an environment variable name",
                    "the app reads the file named by <env>_FILE");
        }
        if (uses.featureFlags()) {
            rules.requires(
                    at + ".uses.featureFlags",
                    true,
                    "Unleash",
                    ConfigRules.enabled(infra.get(UnleashSettings.class)));
        }
        if (uses.graphql()) {
            rules.requires(
                    at + ".uses.graphql",
                    true,
                    "Apollo Router",
                    ConfigRules.enabled(infra.get(ApolloRouterSettings.class)));
        }
        if (!uses.secrets().isEmpty() || uses.database() != null) {
            rules.requires(
                    at + ".uses",
                    true,
                    "Vault",
                    ConfigRules.enabled(infra.get(VaultSettings.class)));
        }
    }

    /** Two Ingresses for one host would fight over it at Traefik. */
    private void hostOnce(Map<String, String> hosts, String path, String host) {
        if (host == null) {
            return;
        }
        String other = hosts.putIfAbsent(host, path);
        rules.check(
                other == null,
                path,
                "host '" + host + "' is already served by " + other,
                "each public host belongs to one workload");
    }

    private void backups(EnvironmentConfig c) {
        BackupConfig b = c.backups();
        if (!b.isEnabled()) {
            return;
        }
        String[] fields = b.schedule().trim().split("\\s+");
        boolean cron = fields.length == 5;
        for (String field : fields) {
            cron &= ConfigRules.CRON_FIELD.matcher(field).matches();
        }
        rules.check(
                cron,
                "backups.schedule",
                "'" + b.schedule() + "' is not a cron schedule",
                "five fields: minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\"");
        rules.positive("backups.retentionDays", b.retentionDays());
        rules.image("backups.clientImage", b.clientImage());
        rules.resources("backups.resources", b.resources());
        var t = b.target();
        rules.check(
                ConfigRules.DNS_LABEL.matcher(t.bucket()).matches(),
                "backups.target.bucket",
                "'" + t.bucket() + "' is not a bucket name",
                null);
        rules.vault("backups.target.accessKeyId", t.accessKeyId());
        rules.vault("backups.target.secretAccessKey", t.secretAccessKey());
        if (t.provider() == BackupConfig.Provider.MINIO) {
            rules.requires(
                    "backups.target",
                    true,
                    "MinIO",
                    c.infrastructure().enabled(MinioSettings.class));
        } else {
            rules.check(
                    t.endpoint() != null && t.endpoint().matches("^https://[^\\s/@]+(/\\S*)?$"),
                    "backups.target.endpoint",
                    "an external S3 target needs an https:// endpoint without credentials",
                    "for R2: https://<account-id>.r2.cloudflarestorage.com");
        }
        rules.requires(
                "backups", true, "PostgreSQL", c.infrastructure().enabled(PostgresSettings.class));
        rules.requires("backups", true, "Vault", c.infrastructure().enabled(VaultSettings.class));
    }
}
