package io.neotool.gitops.components.vault;

import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.PodSecurity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vault's storage: integrated storage (raft) on the server's volume, HashiCorp's recommended
 * backend, which also takes snapshots ({@code vault operator raft snapshot save}). A Vault that ran
 * on the file backend (this generator's earlier layout) is copied into raft by an init container
 * before the server starts: {@code vault operator migrate}, offline as it must be, once, and only
 * when the volume holds file-backend data and no finished copy. The copy opens with the same unseal
 * keys; the file data stays on the volume until an operator removes it.
 */
final class VaultStorage {
    /** The volume the chart mounts (its {@code dataStorage}). */
    static final String DATA = "/vault/data";

    /** Raft's folder on the volume, beside where the file backend kept its tree. */
    static final String RAFT = DATA + "/raft";

    /** The one node's id: the standalone StatefulSet's only pod. */
    static final String NODE_ID = "vault-0";

    /** Written after a finished copy: a copy interrupted half-way is started over. */
    static final String MIGRATED = RAFT + "/.migrated-from-file";

    /** The init container's name, which the review and the runbook name. */
    static final String MIGRATE_CONTAINER = "migrate-file-storage";

    private VaultStorage() {}

    /** The server's storage stanza. */
    static String stanza() {
        return "storage \"raft\" {\n"
                + "  path = \""
                + RAFT
                + "\"\n"
                + "  node_id = \""
                + NODE_ID
                + "\"\n"
                + PERFORMANCE
                + "}\n";
    }

    /**
     * Raft's timing at its highest-performance setting, which HashiCorp recommends for production
     * servers (the default, 5, suits minimal ones): leader failures are detected and elections held
     * five times sooner.
     */
    private static final String PERFORMANCE = "  performance_multiplier = 1\n";

    /** The members of an HA Vault: the StatefulSet's pods, each on its own node. */
    static final int HA_REPLICAS = 3;

    /**
     * The storage stanza of an HA Vault: raft at the same path, each node's id its pod's name (the
     * chart's {@code setNodeId}: the standalone's vault-0 stays vault-0), every member joining the
     * others through the headless Service.
     */
    static String haStanza(String fullname) {
        StringBuilder stanza =
                new StringBuilder("storage \"raft\" {\n  path = \"" + RAFT + "\"\n" + PERFORMANCE);
        for (int i = 0; i < HA_REPLICAS; i++) {
            stanza.append("  retry_join {\n    leader_api_addr = \"http://")
                    .append(fullname)
                    .append("-")
                    .append(i)
                    .append(".")
                    .append(fullname)
                    .append("-internal:8200\"\n  }\n");
        }
        return stanza.append("}\nservice_registration \"kubernetes\" {}\n").toString();
    }

    /** The migration's own config: the file backend's tree to raft, offline. */
    private static String migrateConfig() {
        return "storage_source \"file\" {\n  path = \""
                + DATA
                + "\"\n}\n"
                + "storage_destination \"raft\" {\n  path = \""
                + RAFT
                + "\"\n  node_id = \""
                + NODE_ID
                + "\"\n}\n"
                + "cluster_addr = \"https://127.0.0.1:8201\"\n";
    }

    /**
     * The script of the init container: does nothing on a volume without file-backend data (a new
     * Vault, or one whose old data was removed) or with a finished copy.
     */
    static String migrateScript() {
        return "set -eu\n"
                + "if [ ! -f "
                + DATA
                + "/core/_keyring ] || [ -f "
                + MIGRATED
                + " ]; then\n"
                + "  exit 0  # nothing on the file backend, or copied already\n"
                + "fi\n"
                + "echo \"copying the file backend's data into raft ("
                + RAFT
                + ")\"\n"
                + "rm -rf "
                + RAFT
                + "\nmkdir -p "
                + RAFT
                + "\ncat > /tmp/migrate.hcl <<'HCL'\n"
                + migrateConfig()
                + "HCL\n"
                + "vault operator migrate -config=/tmp/migrate.hcl\n"
                + "date -u +%Y-%m-%dT%H:%M:%SZ > "
                + MIGRATED
                + "\n";
    }

    /** The init container, as the chart's {@code server.extraInitContainers} takes it. */
    static Map<String, Object> migrateContainer(
            ImageRef image, Map<String, Object> resources, long uid, long gid) {
        Map<String, Object> container = new TreeMap<>();
        container.put("name", MIGRATE_CONTAINER);
        container.put("image", image.repository() + ":" + image.tag());
        container.put("command", List.of("/bin/sh", "-c", migrateScript()));
        container.put("resources", resources);
        container.put("securityContext", PodSecurity.restrictedContainerValues(uid, gid));
        container.put("volumeMounts", List.of(Map.of("name", "data", "mountPath", DATA)));
        return container;
    }
}
