package io.neotool.gitops.wiring;

import io.neotool.gitops.components.app.AppComponent;
import io.neotool.gitops.components.vault.VaultSettings;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Component;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Vault Kubernetes-auth role of each workload (named like its ServiceAccount) and the KV paths
 * its policy may read (and the one API path a backup reads, Vault's raft snapshot): exactly the
 * secrets the config wires into that workload, as each enabled component ({@link
 * Component#vaultPaths}) and each app declares them, nothing more.
 */
public final class VaultRoles {
    private VaultRoles() {}

    public static Map<String, SortedSet<String>> of(EnvironmentConfig config) {
        Map<String, SortedSet<String>> roles = new TreeMap<>();
        if (!config.infrastructure().enabled(VaultSettings.class)) {
            return roles;
        }
        for (Component component : Components.all()) {
            if (component.enabled(config)) {
                component
                        .vaultPaths(config)
                        .forEach((role, paths) -> paths.forEach(path -> add(roles, role, path)));
            }
        }
        for (AppConfig app : config.apps()) {
            AppComponent.vaultPaths(app).forEach(path -> add(roles, app.name(), path));
        }
        return roles;
    }

    /**
     * The KV v2 mounts the roles read from: {@code kv} of {@code kv/data/apps/web}. Each must be
     * enabled in Vault, or every read under it fails.
     */
    public static SortedSet<String> mounts(Map<String, SortedSet<String>> roles) {
        SortedSet<String> mounts = new TreeSet<>();
        roles.values()
                .forEach(
                        paths ->
                                paths.forEach(
                                        path -> {
                                            int data = path.indexOf("/data/");
                                            if (data > 0) { // not an API path (sys/…)
                                                mounts.add(path.substring(0, data));
                                            }
                                        }));
        return mounts;
    }

    private static void add(Map<String, SortedSet<String>> roles, String role, String path) {
        roles.computeIfAbsent(role, r -> new TreeSet<>()).add(path);
    }
}
