package io.neotool.gitops.components.backup;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import java.util.List;
import java.util.Map;

/**
 * A CronJob of the backups: its pod runs {@code first} as init containers, then {@code last}, with
 * the shared scratch {@code /dumps}, {@code /tmp}, the script, and its Vault agent's files.
 *
 * @param name the CronJob's name, and its pods' ServiceAccount (their Vault role)
 */
record BackupJobs(String name, Map<String, String> labels, Map<String, String> annotations) {

    /** A CronJob on {@code schedule}; a suspended one runs only when an operator starts it. */
    CronJob cronJob(
            String schedule,
            boolean suspended,
            String serviceAccount,
            long fsGroup,
            List<Container> first,
            Container last) {
        return new CronJobBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withSchedule(schedule)
                .withSuspend(suspended ? true : null)
                .withTimeZone("Etc/UTC")
                .withConcurrencyPolicy("Forbid")
                .withStartingDeadlineSeconds(3600L)
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(3)
                .withNewJobTemplate()
                .withNewSpec()
                .withBackoffLimit(suspended ? 0 : 2)
                .withActiveDeadlineSeconds(suspended ? 4 * 3600L : 3600L)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(serviceAccount)
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod(fsGroup))
                .withInitContainers(first)
                .withContainers(last)
                .addNewVolume()
                .withName("dumps")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addToVolumes(VaultInjection.emptyDir("tmp"), VaultInjection.vaultTokenVolume())
                .addNewVolume()
                .withName("scripts")
                .withNewConfigMap()
                .withName(BackupNames.SCRIPT)
                .withDefaultMode(0555)
                .endConfigMap()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }
}
