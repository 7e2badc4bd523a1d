package io.neotool.gitops.config;

import io.neotool.gitops.config.AppConfig.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks that types cannot express: names, pinned versions, quantities, references that resolve. */
final class ConfigValidator {
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    static final Pattern DNS_NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$");
    static final Pattern CHART_VERSION = Pattern.compile("^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$");
    static final Pattern MEMORY = Pattern.compile("^\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$");
    static final Pattern CPU = Pattern.compile("^(\\d+(\\.\\d+)?|\\d+m)$");
    static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h))+$");
    static final Pattern KUBERNETES_VERSION = Pattern.compile("^1\\.(\\d+)$");
    static final Pattern VAULT_PATH = Pattern.compile("^[a-z0-9][a-z0-9_-]*/data(/[A-Za-z0-9_.-]+)+$");
    static final Pattern VAULT_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*$");
    static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    static final Pattern SQL_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");
    static final Pattern CRON_FIELD = Pattern.compile("^(\\*|\\d+(-\\d+)?)(/\\d+)?(,(\\*|\\d+(-\\d+)?)(/\\d+)?)*$");
    static final int MIN_KUBERNETES_MINOR = 30;
    static final int MAX_KUBERNETES_MINOR = 35;

    /** Service names the infrastructure takes in the namespace; an app may not take them too. */
    static final Set<String> RESERVED_NAMES = Set.of("vault", "vault-agent-injector-svc", "postgres", "postgres-headless",
            "pgbouncer", "kafka", "kafka-headless", "apollo-router", "prometheus", "prometheus-kube-state-metrics",
            "grafana", "loki", "loki-headless", "promtail", "unleash", "minio", "database-backup", "postgres-databases");

    private final SourceMap map;
    private final Path baseDir;
    private List<ConfigProblem> problems;

    ConfigValidator(SourceMap map, Path baseDir) {
        this.map = map;
        this.baseDir = baseDir;
    }

    void validate(EnvironmentConfig c, List<ConfigProblem> out) {
        this.problems = out;
        ClusterConfig cluster = c.cluster();
        dnsLabel("cluster.name", cluster.name());
        check(DNS_NAME.matcher(cluster.domain()).matches(), "cluster.domain",
                "'" + cluster.domain() + "' is not a DNS domain", "for example neotool.io");
        var version = KUBERNETES_VERSION.matcher(cluster.kubernetesVersion());
        boolean supported = version.matches() && Integer.parseInt(version.group(1)) >= MIN_KUBERNETES_MINOR
                && Integer.parseInt(version.group(1)) <= MAX_KUBERNETES_MINOR;
        check(supported, "cluster.kubernetesVersion",
                "unsupported Kubernetes version '" + cluster.kubernetesVersion() + "'",
                "supported: 1." + MIN_KUBERNETES_MINOR + " to 1." + MAX_KUBERNETES_MINOR + ", written as \"1.33\"");
        dnsLabel("cluster.storageClass", cluster.storageClass());
        dnsLabel("cluster.ingressClass", cluster.ingressClass());
        check(c.git().url().matches("^(ssh://|https://)\\S+$"), "git.url",
                "'" + c.git().url() + "' is not an ssh:// or https:// Git URL", "as given to flux bootstrap");
        check(!c.git().url().matches("^https://[^/@]+:[^/@]+@.*"), "git.url",
                "the Git URL carries a password", "flux bootstrap keeps credentials in the flux-system Secret");
        duration("flux.interval", c.flux().interval());
        duration("flux.retryInterval", c.flux().retryInterval());
        duration("flux.timeout", c.flux().timeout());
        dnsLabel("namespace", c.namespace());
        dnsLabel("agentsNamespace", c.agentsNamespace());
        check(!c.agentsNamespace().equals(c.namespace()), "agentsNamespace",
                "the node agents' namespace is the NeoTool namespace '" + c.namespace() + "'",
                "the agents need privileged pods, which the NeoTool namespace refuses; name another namespace");

        InfrastructureConfig infra = c.infrastructure();
        infra.components().forEach((key, settings) -> {
            String path = "infrastructure." + key;
            if (settings instanceof ComponentSettings.Chart chart) {
                chart(path, chart.chartVersion());
            }
            image(path + ".image", settings.image());
            if (settings instanceof ComponentSettings.Storage storage) {
                memory(path + ".storage", storage.storage());
            }
            resources(path + ".resources", settings.resources());
        });
        if (infra.postgres() != null) {
            var p = infra.postgres();
            positive("infrastructure.postgres.maxConnections", p.maxConnections());
            check(p.sharedBuffers().matches("^\\d+(kB|MB|GB)$"), "infrastructure.postgres.sharedBuffers",
                    "'" + p.sharedBuffers() + "' is not a PostgreSQL memory size", "for example 256MB");
            vault("infrastructure.postgres.superuserPassword", p.superuserPassword());
            ImageRef postgresImage = ImageRef.parse(p.image());
            if (postgresImage != null && postgresImage.pinned()) {
                check(InfrastructureConfig.Postgres.KNOWN_MAJORS.contains(p.major()), "infrastructure.postgres.image",
                        "'" + p.image() + "' is not a PostgreSQL major version the generator knows (its data path depends on it)",
                        "known majors: " + InfrastructureConfig.Postgres.KNOWN_MAJORS.stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(", ")) + ", with tags like postgres:18rc1 or postgres:17.6");
            }
        }
        if (infra.pgbouncer() != null) {
            var b = infra.pgbouncer();
            positive("infrastructure.pgbouncer.replicas", b.replicas());
            check(Set.of("session", "transaction", "statement").contains(b.poolMode()), "infrastructure.pgbouncer.poolMode",
                    "'" + b.poolMode() + "' is not a pool mode", "one of: session, transaction, statement");
            positive("infrastructure.pgbouncer.maxClientConn", b.maxClientConn());
            positive("infrastructure.pgbouncer.defaultPoolSize", b.defaultPoolSize());
            vault("infrastructure.pgbouncer.authUserPassword", b.authUserPassword());
            requires("infrastructure.pgbouncer", b.isEnabled(), "PostgreSQL", enabled(infra.postgres()));
        }
        if (infra.kafka() != null) {
            var k = infra.kafka();
            check(k.clusterId().matches("^[A-Za-z0-9_-]{22}$"), "infrastructure.kafka.clusterId",
                    "'" + k.clusterId() + "' is not a Kafka cluster id",
                    "22 characters of URL-safe base64, as printed by kafka-storage.sh random-uuid");
            positive("infrastructure.kafka.defaultPartitions", k.defaultPartitions());
        }
        if (infra.apolloRouter() != null) {
            var r = infra.apolloRouter();
            positive("infrastructure.apolloRouter.replicas", r.replicas());
            host("infrastructure.apolloRouter.host", r.host(), cluster.domain());
            if (r.isEnabled() && baseDir != null) {
                Path supergraph = baseDir.resolve(r.supergraphFile()).normalize();
                check(supergraph.startsWith(baseDir.normalize()) && Files.isRegularFile(supergraph),
                        "infrastructure.apolloRouter.supergraphFile",
                        "no supergraph file '" + r.supergraphFile() + "' beside the config",
                        "the path is relative to the config's folder, e.g. supergraph/production.graphql");
            }
        }
        if (infra.prometheus() != null) {
            var p = infra.prometheus();
            check(p.retention().matches("^\\d+[dhwy]$"), "infrastructure.prometheus.retention",
                    "'" + p.retention() + "' is not a retention", "for example 15d");
        }
        if (infra.grafana() != null) {
            var g = infra.grafana();
            host("infrastructure.grafana.host", g.host(), cluster.domain());
            vault("infrastructure.grafana.adminPassword", g.adminPassword());
            requires("infrastructure.grafana", g.isEnabled(), "Prometheus", enabled(infra.prometheus()));
        }
        if (infra.loki() != null) {
            duration("infrastructure.loki.retention", infra.loki().retention());
        }
        if (infra.promtail() != null) {
            requires("infrastructure.promtail", infra.promtail().isEnabled(), "Loki", enabled(infra.loki()));
        }
        if (infra.unleash() != null) {
            var u = infra.unleash();
            positive("infrastructure.unleash.replicas", u.replicas());
            host("infrastructure.unleash.host", u.host(), cluster.domain());
            sqlName("infrastructure.unleash.database", u.database());
            vault("infrastructure.unleash.databasePassword", u.databasePassword());
            requires("infrastructure.unleash", u.isEnabled(), "PgBouncer", enabled(infra.pgbouncer()));
        }

        Map<String, String> hosts = new HashMap<>();
        hostOnce(hosts, "infrastructure.apolloRouter.host", infra.apolloRouter() == null ? null : infra.apolloRouter().host());
        hostOnce(hosts, "infrastructure.grafana.host", infra.grafana() == null ? null : infra.grafana().host());
        hostOnce(hosts, "infrastructure.unleash.host", infra.unleash() == null ? null : infra.unleash().host());
        for (int i = 0; i < c.apps().size(); i++) {
            hostOnce(hosts, "apps[" + i + "].host", c.apps().get(i).host());
        }
        Map<String, Integer> appNames = new HashMap<>();
        Map<String, String> databases = new HashMap<>();
        if (enabled(infra.unleash())) {
            databases.put(infra.unleash().database(), "infrastructure.unleash.database");
        }
        for (int i = 0; i < c.apps().size(); i++) {
            app(c, i, appNames, databases);
        }
        if (c.backups() != null) {
            backups(c);
        }
        for (int i = 0; i < c.validation().skipSchemaFor().size(); i++) {
            String gvk = c.validation().skipSchemaFor().get(i);
            check(gvk.matches("^([a-z0-9.-]+/)?v[0-9a-z]+/[A-Z][A-Za-z0-9]*$"), "validation.skipSchemaFor[" + i + "]",
                    "'" + gvk + "' is not group/version/Kind", "for example example.com/v1/Widget");
        }
    }

    private void app(EnvironmentConfig c, int i, Map<String, Integer> names, Map<String, String> databases) {
        AppConfig app = c.apps().get(i);
        String at = "apps[" + i + "]";
        InfrastructureConfig infra = c.infrastructure();
        if (dnsLabel(at + ".name", app.name())) {
            Integer first = names.putIfAbsent(app.name(), i);
            check(first == null, at + ".name", "two apps are named '" + app.name() + "'",
                    "the first is apps[" + first + "]; app names are unique");
            check(!RESERVED_NAMES.contains(app.name()), at + ".name",
                    "'" + app.name() + "' is the name of an infrastructure service", "choose another app name");
        }
        image(at + ".image", app.image());
        check(app.port() >= 1024 && app.port() <= 65535, at + ".port",
                "expected a port from 1024 to 65535, got " + app.port(), "apps run unprivileged on high ports");
        if (app.metricsPort() != null) {
            check(app.metricsPort() >= 1024 && app.metricsPort() <= 65535, at + ".metricsPort",
                    "expected a port from 1024 to 65535, got " + app.metricsPort(), null);
            check(!app.metricsPort().equals(app.port()), at + ".metricsPort",
                    "port conflict: the metrics port " + app.metricsPort() + " is also the app port",
                    "serve metrics on their own port (Spring: management.server.port), or leave metricsPort out");
        }
        positive(at + ".replicas", app.replicas());
        resources(at + ".resources", app.resources());
        app.env().forEach((name, value) -> {
            check(ENV_NAME.matcher(name).matches(), at + ".env." + name, "'" + name + "' is not an environment variable name", null);
            check(!Credentials.SECRET_NAME.matcher(name).matches() || value.isEmpty(), at + ".env." + name,
                    "a plaintext secret in the config", "declare it under uses.secrets with its Vault path");
            check(Credentials.SECRET_NAME.matcher(name).matches() || !(Credentials.LITERAL.matcher(value).find() || Credentials.highEntropyToken(value)), at + ".env." + name,
                    "the value looks like a credential", "keep credentials in Vault and declare them under uses.secrets");
        });
        if (app.probes() != null) {
            check(app.probes().liveness().startsWith("/"), at + ".probes.liveness", "a probe path starts with '/'", null);
            check(app.probes().readiness().startsWith("/"), at + ".probes.readiness", "a probe path starts with '/'", null);
            positive(at + ".probes.startupSeconds", app.probes().startupSeconds());
        }
        host(at + ".host", app.host(), c.cluster().domain());
        AppConfig.Uses uses = app.uses();
        if (uses.database() != null) {
            String path = at + ".uses.database";
            if (sqlName(path + ".name", uses.database().name())) {
                String other = databases.putIfAbsent(uses.database().name(), path);
                check(other == null, path + ".name", "database '" + uses.database().name() + "' is taken by " + other,
                        "each app owns its database");
            }
            vault(path + ".password", uses.database().password());
            requires(path, true, "PgBouncer", enabled(infra.pgbouncer()));
        }
        for (int t = 0; t < uses.kafkaTopics().size(); t++) {
            String topic = uses.kafkaTopics().get(t);
            check(TOPIC.matcher(topic).matches(), at + ".uses.kafkaTopics[" + t + "]", "'" + topic + "' is not a Kafka topic name", null);
        }
        if (!uses.kafkaTopics().isEmpty()) {
            requires(at + ".uses.kafkaTopics", true, "Kafka", enabled(infra.kafka()));
        }
        Map<String, Integer> secretNames = new HashMap<>();
        for (int s = 0; s < uses.secrets().size(); s++) {
            Secret secret = uses.secrets().get(s);
            String path = at + ".uses.secrets[" + s + "]";
            if (dnsLabel(path + ".name", secret.name())) {
                check(secretNames.putIfAbsent(secret.name(), s) == null, path + ".name",
                        "two secrets of the app are named '" + secret.name() + "'", null);
            }
            vault(path + ".from", secret.from());
            check(ENV_NAME.matcher(secret.env()).matches(), path + ".env", "'" + secret.env() + "' is not an environment variable name",
                    "the app reads the file named by <env>_FILE");
        }
        if (uses.featureFlags()) {
            requires(at + ".uses.featureFlags", true, "Unleash", enabled(infra.unleash()));
        }
        if (uses.graphql()) {
            requires(at + ".uses.graphql", true, "Apollo Router", enabled(infra.apolloRouter()));
        }
        if (!uses.secrets().isEmpty() || uses.database() != null) {
            requires(at + ".uses", true, "Vault", enabled(infra.vault()));
        }
    }

    /** Two Ingresses for one host would fight over it at Traefik. */
    private void hostOnce(Map<String, String> hosts, String path, String host) {
        if (host == null) {
            return;
        }
        String other = hosts.putIfAbsent(host, path);
        check(other == null, path, "host '" + host + "' is already served by " + other, "each public host belongs to one workload");
    }

    private void backups(EnvironmentConfig c) {
        BackupConfig b = c.backups();
        if (!b.isEnabled()) {
            return;
        }
        String[] fields = b.schedule().trim().split("\\s+");
        boolean cron = fields.length == 5;
        for (String field : fields) {
            cron &= CRON_FIELD.matcher(field).matches();
        }
        check(cron, "backups.schedule", "'" + b.schedule() + "' is not a cron schedule",
                "five fields: minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\"");
        positive("backups.retentionDays", b.retentionDays());
        image("backups.clientImage", b.clientImage());
        resources("backups.resources", b.resources());
        var t = b.target();
        check(DNS_LABEL.matcher(t.bucket()).matches(), "backups.target.bucket", "'" + t.bucket() + "' is not a bucket name", null);
        vault("backups.target.accessKeyId", t.accessKeyId());
        vault("backups.target.secretAccessKey", t.secretAccessKey());
        if (t.provider() == BackupConfig.Provider.MINIO) {
            requires("backups.target", true, "MinIO", enabled(c.infrastructure().minio()));
        } else {
            check(t.endpoint() != null && t.endpoint().matches("^https://[^\\s/@]+(/\\S*)?$"), "backups.target.endpoint",
                    "an external S3 target needs an https:// endpoint without credentials",
                    "for R2: https://<account-id>.r2.cloudflarestorage.com");
        }
        requires("backups", true, "PostgreSQL", enabled(c.infrastructure().postgres()));
        requires("backups", true, "Vault", enabled(c.infrastructure().vault()));
    }

    private static boolean enabled(ComponentSettings component) {
        return InfrastructureConfig.enabled(component);
    }

    private void requires(String path, boolean active, String what, boolean present) {
        check(!active || present, path, "needs " + what + ", which is not enabled",
                "enable it under infrastructure, or remove the dependency");
    }

    private boolean check(boolean ok, String path, String message, String hint) {
        if (!ok) {
            problems.add(map.problem(path, message, hint));
        }
        return ok;
    }

    private boolean dnsLabel(String path, String value) {
        return check(DNS_LABEL.matcher(value).matches(), path,
                "'" + printable(value) + "' is not a valid name",
                "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    }

    private boolean sqlName(String path, String value) {
        return check(SQL_NAME.matcher(value).matches(), path, "'" + printable(value) + "' is not a database name",
                "lower-case letters, digits and '_'");
    }

    private void duration(String path, String value) {
        check(DURATION.matcher(value).matches(), path, "'" + value + "' is not a duration", "for example 1m, 30s or 1h30m");
    }

    private void positive(String path, Integer value) {
        check(value != null && value > 0, path, "expected a positive integer, got " + value, null);
    }

    private void image(String path, String value) {
        ImageRef ref = ImageRef.parse(value);
        if (!check(ref != null, path, "'" + printable(value) + "' is not an image reference", "repository:tag, e.g. postgres:18rc1")) {
            return;
        }
        check(ref.pinned(), path, ref.tag() == null ? "image '" + value + "' has no tag" : "image tag '" + ref.tag() + "' is not pinned",
                "pin a released version, e.g. " + ref.repository() + ":<version>");
    }

    private void chart(String path, String version) {
        check(CHART_VERSION.matcher(version).matches(), path + ".chartVersion",
                "chart version '" + version + "' is not pinned", "an exact version such as 1.2.3, not a range");
    }

    private void memory(String path, String value) {
        check(MEMORY.matcher(value).matches(), path, "'" + value + "' is not a Kubernetes quantity",
                suggestQuantity(value));
    }

    private void resources(String path, Resources r) {
        if (r.requests() != null) {
            check(CPU.matcher(r.requests().cpu()).matches(), path + ".requests.cpu", "'" + r.requests().cpu() + "' is not a CPU quantity", "for example 250m or 1");
            memory(path + ".requests.memory", r.requests().memory());
        }
        if (r.limits() != null) {
            check(CPU.matcher(r.limits().cpu()).matches(), path + ".limits.cpu", "'" + r.limits().cpu() + "' is not a CPU quantity", "for example 500m or 2");
            memory(path + ".limits.memory", r.limits().memory());
        }
    }

    private void vault(String path, VaultRef ref) {
        check(VAULT_PATH.matcher(ref.path()).matches(), path + ".path", "'" + printable(ref.path()) + "' is not a Vault KV v2 path",
                "<mount>/data/<path>, e.g. secret/data/postgres/superuser");
        check(VAULT_KEY.matcher(ref.key()).matches(), path + ".key", "'" + printable(ref.key()) + "' is not a Vault key name", null);
    }

    private void host(String path, String host, String domain) {
        if (host == null) {
            return;
        }
        check(DNS_NAME.matcher(host).matches() && (host.equals(domain) || host.endsWith("." + domain)), path,
                "host '" + host + "' is not under the cluster domain '" + domain + "'", "for example app." + domain);
    }

    static String suggestQuantity(String value) {
        var m = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([KMGTPE])i?B$", Pattern.CASE_INSENSITIVE).matcher(value);
        if (m.matches()) {
            return "write " + m.group(1) + m.group(2).toUpperCase(Locale.ROOT) + "i";
        }
        return "for example 512Mi or 10Gi";
    }

    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
