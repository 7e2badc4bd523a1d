package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.minio.MinioComponent;
import io.neotool.gitops.components.vault.VaultSettings;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vault's own backup: on the backup's schedule, {@code vault operator raft snapshot save} with a
 * token of a role that may read only the snapshot endpoint and the bucket's keys, checked with
 * {@code snapshot inspect}, then uploaded next to the database dumps ({@code <cluster>/vault/}) by
 * the same upload, under the same retention.
 */
final class VaultSnapshot {
    static final String NAME = BackupNames.SNAPSHOT;

    /** The one Vault API path the role reads: the raft snapshot. */
    static final String SNAPSHOT_PATH = "sys/storage/raft/snapshot";

    private VaultSnapshot() {}

    static List<HasMetadata> objects(Context context) {
        BackupConfig b = context.config().backups();
        Map<String, String> labels = Context.labels(NAME, "backup");
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        secrets.put(BackupNames.ACCESS_KEY_FILE, b.target().accessKeyId());
        secrets.put(BackupNames.SECRET_KEY_FILE, b.target().secretAccessKey());
        Map<String, String> annotations =
                new LinkedHashMap<>(VaultInjection.vaultAnnotations(NAME, secrets, true));
        // the agent's own token, for the snapshot request: /vault/secrets/token
        annotations.put("vault.hashicorp.com/agent-inject-token", "true");
        String image = context.config().infrastructure().require(VaultSettings.class).image();
        var snapshot =
                BackupContainers.vault(
                        image,
                        b,
                        "snapshot",
                        "http://"
                                // three members: the active one takes the snapshot (the chart's
                                // Service of the leader)
                                + context.serviceHost(
                                        context.config().cluster().ha()
                                                ? VaultInjection.VAULT + "-active"
                                                : VaultInjection.VAULT)
                                + ":"
                                + VaultInjection.VAULT_PORT);
        return List.of(
                Workloads.serviceAccount(NAME, labels),
                new BackupJobs(NAME, labels, annotations)
                        .cronJob(
                                b.schedule(),
                                false,
                                NAME,
                                BackupContainers.VAULT_GID,
                                List.of(snapshot),
                                BackupContainers.upload(b)));
    }

    /** It reads Vault's API, and writes to MinIO or the external S3 target. */
    static List<Edge> edges(BackupConfig backups) {
        return List.of(
                new Edge(NAME, VaultInjection.VAULT, VaultInjection.VAULT_PORT),
                backups.target().provider() == BackupConfig.Provider.MINIO
                        ? new Edge(NAME, MinioComponent.SERVICE, MinioComponent.PORT)
                        : new Edge(NAME, Edge.INTERNET, 443));
    }

    static List<String> vaultPaths(EnvironmentConfig config) {
        BackupConfig backups = config.backups();
        return List.of(
                SNAPSHOT_PATH,
                backups.target().accessKeyId().path(),
                backups.target().secretAccessKey().path());
    }
}
