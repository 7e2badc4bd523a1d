package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.platform.Context;
import java.util.List;
import java.util.Map;

/**
 * What gets the data back, beside the backup and with its identity (its ServiceAccount, Vault role
 * and network paths): the restore, a suspended CronJob an operator starts ({@code kubectl create
 * job --from=cronjob/database-restore}) with the backup and the databases as parameters; and the
 * weekly drill, which restores the latest backup of every database into a scratch database on the
 * same server, checks every table and row against the dump, and drops it. Both fetch the backup
 * from S3 first.
 */
final class RestoreJobs {
    static final String RESTORE = BackupNames.RESTORE;
    static final String DRILL = BackupNames.DRILL;

    /** Never reached: the restore runs only when an operator creates a Job from it. */
    static final String NEVER = "0 0 31 2 *";

    private RestoreJobs() {}

    static List<HasMetadata> objects(
            Context context, Map<String, String> labels, Map<String, String> annotations) {
        BackupConfig b = context.config().backups();
        var fetch = BackupContainers.client(b, "fetch", false, Map.of("RESTORE_FROM", "latest"));
        var restore =
                BackupContainers.postgres(
                        context.config(),
                        b,
                        "restore",
                        Map.of("RESTORE_DATABASES", "all", "RESTORE_OVERWRITE", "no"));
        var drill = BackupContainers.postgres(context.config(), b, "drill", Map.of());
        return List.of(
                new BackupJobs(RESTORE, labels, annotations)
                        .cronJob(
                                NEVER,
                                true,
                                BackupNames.BACKUP,
                                PostgresComponent.UID,
                                List.of(fetch),
                                restore),
                new BackupJobs(DRILL, labels, annotations)
                        .cronJob(
                                b.drillSchedule(),
                                false,
                                BackupNames.BACKUP,
                                PostgresComponent.UID,
                                List.of(fetch),
                                drill));
    }
}
