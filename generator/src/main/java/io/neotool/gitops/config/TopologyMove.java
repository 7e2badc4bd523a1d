package io.neotool.gitops.config;

import java.util.List;

/**
 * The moves of data when a cluster goes from one node to three ({@code cluster.topology: ha}):
 * PostgreSQL's databases into the CloudNativePG Cluster, Kafka's topics onto the Strimzi nodes. The
 * same steps, with the cluster's own names, in the review of the switch and in its runbook.
 */
public final class TopologyMove {
    private TopologyMove() {}

    /**
     * PostgreSQL's move: the new Cluster starts empty, so the writers stop, a last dump is taken on
     * one node, and the databases Job's empty databases are filled from it.
     *
     * @param writers the Deployments and releases that write to the databases, stopped meanwhile
     * @param backups whether the backup CronJobs exist (else the dump is taken by hand)
     */
    public static List<String> postgres(String ns, List<String> writers, boolean backups) {
        String k = "kubectl -n " + ns + " ";
        String stop = stop(k, writers, "nothing writes to the databases");
        String dump =
                backups
                        ? k
                                + "create job --from=cronjob/database-backup move-to-ha && "
                                + k
                                + "wait --for=condition=complete job/move-to-ha --timeout=60m; its folder is the one "
                                + k
                                + "logs job/move-to-ha -c dump prints (dumped to /dumps/<folder>)"
                        : k
                                + "exec postgres-0 -- pg_dumpall -U postgres > neotool.sql (no backups configured)";
        String restore =
                backups
                        ? k
                                + "create job --from=cronjob/database-restore move-restore --dry-run=client -o yaml | kubectl set env --local -f - -c fetch RESTORE_FROM=<that folder> -o yaml | kubectl create -f - && "
                                + k
                                + "wait --for=condition=complete job/move-restore --timeout=60m"
                        : "psql -h postgres-rw -U postgres -f neotool.sql from a pod with the superuser's password";
        return List.of(
                "before the merge, stop the writers: " + stop,
                "take the last dump on one node: " + dump,
                "merge; Flux prunes the StatefulSet postgres (its volume data-postgres-0 stays) and CloudNativePG starts the Cluster: "
                        + k
                        + "wait --for=condition=Ready cluster/postgres --timeout=30m, then the databases Job makes each database and owner, empty",
                "restore the dump into the Cluster's primary (postgres-rw): " + restore,
                start(writers)
                        + "; once the apps read their data, "
                        + k
                        + "delete pvc data-postgres-0");
    }

    /**
     * Kafka's move: Strimzi's nodes start empty and the topic operator creates the declared topics;
     * messages and committed offsets stay on the old broker and are abandoned unless consumed
     * first.
     */
    public static List<String> kafka(String ns, List<String> clients) {
        String k = "kubectl -n " + ns + " ";
        return List.of(
                "before the merge, stop the producers ("
                        + stop(k, clients, "no app uses Kafka")
                        + ") once every consumer group has drained: "
                        + k
                        + "exec kafka-0 -- /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --all-groups shows LAG 0 everywhere",
                "merge; Flux prunes the StatefulSet kafka (its volume stays) and Strimzi starts three nodes: "
                        + k
                        + "wait --for=condition=Ready kafka/kafka --timeout=30m; the topic operator creates each declared topic, empty ("
                        + k
                        + "get kafkatopics shows them Ready)",
                start(clients)
                        + "; the consumer groups begin on the empty topics. Messages still on the old broker are abandoned: to carry them over instead, run MirrorMaker 2 from the old broker before it is pruned (not generated)",
                "once nothing is missed: " + k + "delete pvc data-kafka-0");
    }

    /**
     * Stops {@code workloads}: Flux's Kustomization of each suspended first (it would scale them
     * back within a minute), then each scaled to 0.
     */
    private static String stop(String k, List<String> workloads, String none) {
        if (workloads.isEmpty()) {
            return none;
        }
        String names = String.join(" ", workloads);
        return "flux -n flux-system suspend kustomization "
                + names
                + " && "
                + k
                + "scale deployment "
                + names
                + " --replicas=0";
    }

    /** Starts them again: resuming each Kustomization applies the config's replicas. */
    private static String start(List<String> workloads) {
        return workloads.isEmpty()
                ? "nothing to start again"
                : "start them again: flux -n flux-system resume kustomization "
                        + String.join(" ", workloads);
    }
}
