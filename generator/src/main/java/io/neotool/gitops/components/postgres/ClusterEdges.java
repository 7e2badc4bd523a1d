package io.neotool.gitops.components.postgres;

import io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent;
import io.neotool.gitops.components.minio.MinioComponent;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.VaultInjection;
import java.util.ArrayList;
import java.util.List;

/**
 * The network paths of the CloudNativePG Cluster: instances replicate to each other and report to
 * the API server (their instance manager watches the Cluster), the operator polls each instance's
 * status port, Prometheus scrapes them, and the WAL goes to the bucket; the Secrets Job reads Vault
 * and writes through the API server.
 */
final class ClusterEdges {
    private ClusterEdges() {}

    static List<Edge> of(Context context) {
        String pg = PostgresComponent.SERVICE;
        List<Edge> edges = new ArrayList<>();
        edges.add(new Edge(pg, pg, PostgresComponent.PORT));
        edges.add(new Edge(pg, pg, CloudNativePgComponent.STATUS_PORT));
        edges.add(new Edge(pg, Edge.API_SERVER, 443));
        edges.add(new Edge(pg, Edge.API_SERVER, 6443));
        edges.add(new Edge(CloudNativePgComponent.NAME, pg, CloudNativePgComponent.STATUS_PORT));
        edges.add(new Edge(PostgresSecrets.NAME, "vault", VaultInjection.VAULT_PORT));
        edges.add(new Edge(PostgresSecrets.NAME, Edge.API_SERVER, 443));
        edges.add(new Edge(PostgresSecrets.NAME, Edge.API_SERVER, 6443));
        if (context.scraped()) {
            edges.add(new Edge("prometheus", pg, PostgresCluster.METRICS_PORT));
        }
        BackupConfig backups = context.config().backups();
        if (context.config().backedUp()) {
            edges.add(
                    backups.target().provider() == BackupConfig.Provider.MINIO
                            ? new Edge(pg, MinioComponent.SERVICE, MinioComponent.PORT)
                            : new Edge(pg, Edge.INTERNET, 443));
        }
        return edges;
    }
}
