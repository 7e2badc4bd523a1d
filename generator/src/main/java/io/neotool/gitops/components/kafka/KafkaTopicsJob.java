package io.neotool.gitops.components.kafka;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The Job that creates the topics the apps declare (idempotent: --if-not-exists), recreated by Flux
 * (force) whenever the list changes.
 */
final class KafkaTopicsJob {
    private KafkaTopicsJob() {}

    /** Creates the declared topics; Flux recreates the Job (force) whenever the list changes. */
    static HasMetadata topicsJob(KafkaSettings k, SortedSet<String> topics) {
        StringBuilder script = new StringBuilder("set -eu\n");
        script.append("until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server ")
                .append(KafkaNames.bootstrap())
                .append(" >/dev/null 2>&1; do echo waiting for kafka; sleep 5; done\n");
        for (String topic : topics) {
            script.append("/opt/kafka/bin/kafka-topics.sh --bootstrap-server ")
                    .append(KafkaNames.bootstrap())
                    .append(" --create --if-not-exists --topic ")
                    .append(topic)
                    .append(" --partitions ")
                    .append(k.defaultPartitions())
                    .append(" --replication-factor 1\n");
        }
        Map<String, String> jobLabels = Context.labels(KafkaNames.TOPICS_JOB, "message-broker");
        var container =
                new ContainerBuilder()
                        .withName("create-topics")
                        .withImage(k.image())
                        .withCommand("/bin/sh", "-c", script.toString())
                        .withEnv(Workloads.env("LOG_DIR", "/tmp/kafka-logs"))
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .withResources(
                                Workloads.resources(
                                        io.neotool.gitops.config.Resources.of(
                                                "50m", "256Mi", "500m", "512Mi")))
                        .withSecurityContext(
                                PodSecurity.containerSecurity(KafkaNames.UID, KafkaNames.UID, true))
                        .build();
        var job =
                Workloads.forcedJob(
                        KafkaNames.TOPICS_JOB,
                        jobLabels,
                        null,
                        KafkaNames.SERVICE,
                        container,
                        List.of(VaultInjection.emptyDir("tmp")));
        job.getMetadata()
                .getAnnotations()
                .put(io.neotool.gitops.config.Annotations.TOPICS, String.join(",", topics));
        return job;
    }
}
