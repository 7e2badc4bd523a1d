package io.neotool.gitops.config.load;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.SourceMap;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks that types cannot express: names, pinned versions, quantities, references that
 * resolve.
 */
final class ConfigValidator {
    private final EnvironmentConfig c;
    private final ConfigRules rules;

    /** A validator of {@code config}, adding each problem to {@code out}. */
    ConfigValidator(
            SourceMap map,
            @Nullable Path baseDir,
            EnvironmentConfig config,
            List<ConfigProblem> out,
            Set<String> reservedNames,
            List<SettingsKey<?>> settings) {
        this.c = config;
        this.rules = new ConfigRules(map, out, config, baseDir, reservedNames, settings);
    }

    /** A K3S release: {@code v1.<minor>.<patch>+k3s<n>}. */
    private static final java.util.regex.Pattern K3S_VERSION =
            java.util.regex.Pattern.compile("^v1\\.(\\d+)\\.\\d+\\+k3s\\d+$");

    void validate() {
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
        String k3s = cluster.k3sVersion();
        if (k3s != null) {
            var release = K3S_VERSION.matcher(k3s);
            rules.check(
                    release.matches(),
                    "cluster.k3sVersion",
                    "'" + k3s + "' is not a K3S release",
                    "as K3S names them, for example v1.33.5+k3s1");
            rules.check(
                    !release.matches()
                            || !version.matches()
                            || release.group(1).equals(version.group(1)),
                    "cluster.k3sVersion",
                    "K3S "
                            + k3s
                            + " runs Kubernetes 1."
                            + (release.matches() ? release.group(1) : "?")
                            + ", not the cluster's "
                            + cluster.kubernetesVersion(),
                    "upgrade both together, one minor at a time");
        }
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
                            if (settings instanceof ComponentSettings.Exported exported) {
                                rules.image(path + ".exporterImage", exported.exporterImage());
                            }
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
        infra.components()
                .forEach(
                        (key, settings) -> {
                            if (settings.isEnabled()) {
                                settings.databases()
                                        .forEach(
                                                db ->
                                                        databases.put(
                                                                db.name(),
                                                                "infrastructure."
                                                                        + key
                                                                        + "."
                                                                        + db.key()));
                            }
                        });
        for (int i = 0; i < c.apps().size(); i++) {
            AppRules.check(rules, c, i, appNames, databases);
        }
        NodeBudgetRules.check(rules, c);
        groups(appNames);
        // an app's database has a Flux Kustomization <app>-database, which no app may be named
        for (int i = 0; i < c.apps().size(); i++) {
            AppConfig app = c.apps().get(i);
            Integer taker = appNames.get(app.name() + "-database");
            if (app.uses().database() != null && taker != null) {
                rules.check(
                        false,
                        "apps[" + taker + "].name",
                        "'"
                                + app.name()
                                + "-database' is the Flux name of the database of apps["
                                + i
                                + "]",
                        "choose another app name");
            }
        }
        if (c.backups() != null) {
            BackupRules.check(rules, c);
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

    /**
     * An app's group is a Flux Kustomization of that name, with {@code <group>-database} for its
     * apps' databases: a DNS label that no app, infrastructure part or database Kustomization
     * takes.
     */
    private void groups(Map<String, Integer> appNames) {
        for (int i = 0; i < c.apps().size(); i++) {
            AppConfig app = c.apps().get(i);
            String group = app.group();
            if (group == null) {
                continue;
            }
            String path = "apps[" + i + "].group";
            if (rules.dnsLabel(path, group)) {
                Integer app2 = appNames.get(group);
                rules.check(
                        app2 == null && appNames.get(group + "-database") == null,
                        path,
                        "'" + group + "' is the Flux name of an app",
                        "a group needs a name of its own");
                rules.check(
                        !rules.reservedNames().contains(group)
                                && !rules.reservedNames().contains(group + "-database"),
                        path,
                        "'" + group + "' is the Flux name of an infrastructure part",
                        "choose another group name");
                rules.check(
                        !group.endsWith("-database")
                                || !appNames.containsKey(
                                        group.substring(0, group.length() - "-database".length())),
                        path,
                        "'" + group + "' is the Flux name of an app's database",
                        "choose another group name");
            }
        }
    }

    /** Two Ingresses for one host would fight over it at Traefik. */
    private void hostOnce(Map<String, String> hosts, String path, @Nullable String host) {
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
}
