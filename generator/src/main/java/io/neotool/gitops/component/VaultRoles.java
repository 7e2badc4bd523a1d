package io.neotool.gitops.component;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Vault Kubernetes-auth role of each workload (named like its ServiceAccount) and the KV paths
 * its policy may read: exactly the secrets the config wires into that workload, nothing more.
 */
public final class VaultRoles {
    private VaultRoles() {}

    public static Map<String, TreeSet<String>> of(EnvironmentConfig config) {
        Map<String, TreeSet<String>> roles = new TreeMap<>();
        InfrastructureConfig infra = config.infrastructure();
        if (!InfrastructureConfig.enabled(infra.vault())) {
            return roles;
        }
        if (InfrastructureConfig.enabled(infra.postgres())) {
            add(roles, PostgresComponent.SERVICE, infra.postgres().superuserPassword().path());
            if (PostgresComponent.needsDatabasesJob(config)) {
                PostgresComponent.jobSecrets(config).values()
                        .forEach(ref -> add(roles, PostgresComponent.DATABASES_JOB, ref.path()));
            }
        }
        if (InfrastructureConfig.enabled(infra.pgbouncer())) {
            add(roles, PgBouncerComponent.SERVICE, infra.pgbouncer().authUserPassword().path());
        }
        if (InfrastructureConfig.enabled(infra.grafana())) {
            add(roles, "grafana", infra.grafana().adminPassword().path());
        }
        if (InfrastructureConfig.enabled(infra.unleash())) {
            add(roles, UnleashComponent.SERVICE, infra.unleash().databasePassword().path());
        }
        if (config.backups() != null && config.backups().isEnabled()) {
            add(roles, BackupComponent.NAME, infra.postgres().superuserPassword().path());
            add(roles, BackupComponent.NAME, config.backups().target().accessKeyId().path());
            add(roles, BackupComponent.NAME, config.backups().target().secretAccessKey().path());
        }
        for (AppConfig app : config.apps()) {
            if (app.uses().database() != null) {
                add(roles, app.name(), app.uses().database().password().path());
            }
            app.uses().secrets().forEach(s -> add(roles, app.name(), s.from().path()));
        }
        return roles;
    }

    /**
     * The KV v2 mounts the roles read from: {@code kv} of {@code kv/data/apps/web}. Each must be
     * enabled in Vault, or every read under it fails.
     */
    public static java.util.SortedSet<String> mounts(Map<String, TreeSet<String>> roles) {
        java.util.SortedSet<String> mounts = new TreeSet<>();
        roles.values().forEach(paths -> paths.forEach(path -> mounts.add(path.substring(0, path.indexOf("/data/")))));
        return mounts;
    }

    private static void add(Map<String, TreeSet<String>> roles, String role, String path) {
        roles.computeIfAbsent(role, r -> new TreeSet<>()).add(path);
    }
}
