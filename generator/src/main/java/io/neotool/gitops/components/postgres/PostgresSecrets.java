package io.neotool.gitops.components.postgres;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.neotool.gitops.config.BackupConfig;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job {@value #NAME}: CloudNativePG reads the superuser's password and the bucket's keys from
 * Kubernetes Secrets, and Vault holds them. The Vault agent renders each Secret's manifest from
 * Vault (values base64-encoded, so any character passes), and kubectl applies it, with a Role that
 * may change exactly those Secrets. Flux runs it again whenever it changes; a password changed in
 * Vault reaches the Cluster when the Job is run again (the runbook says how).
 */
final class PostgresSecrets {
    private PostgresSecrets() {}

    static final String NAME = "postgres-secrets";

    /** The UID of the kubectl image's non-root user (distroless). */
    private static final long UID = 65532;

    /** The volume of kubectl's API credentials, mounted into its container only. */
    private static final String API_ACCESS = "kube-api-access";

    /**
     * kubectl's in-cluster credentials, mounted where it reads them and into its container only
     * (the pod mounts no API token otherwise, and the Vault agent has its own): a short-lived token
     * of the Job's ServiceAccount for the API server, the cluster's CA and the namespace.
     */
    private static io.fabric8.kubernetes.api.model.Volume apiAccess() {
        return new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName(API_ACCESS)
                .withNewProjected()
                .addNewSource()
                .withNewServiceAccountToken()
                .withPath("token")
                .withExpirationSeconds(3600L)
                .endServiceAccountToken()
                .endSource()
                .addNewSource()
                .withNewConfigMap()
                .withName("kube-root-ca.crt")
                .addNewItem()
                .withKey("ca.crt")
                .withPath("ca.crt")
                .endItem()
                .endConfigMap()
                .endSource()
                .addNewSource()
                .withNewDownwardAPI()
                .addNewItem()
                .withPath("namespace")
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .endSource()
                .endProjected()
                .build();
    }

    /** The Secrets the Job writes, by the file the agent renders each into. */
    static Map<String, String> secretFiles(EnvironmentConfig config) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("superuser", PostgresCluster.SUPERUSER_SECRET);
        if (config.backedUp()) {
            files.put("backup-s3", PostgresCluster.BACKUP_SECRET);
        }
        return files;
    }

    /** The Vault paths the Job reads. */
    static List<String> paths(EnvironmentConfig config) {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        paths.add(
                config.infrastructure().require(PostgresSettings.class).superuserPassword().path());
        if (config.backedUp()) {
            paths.add(config.backups().target().accessKeyId().path());
            paths.add(config.backups().target().secretAccessKey().path());
        }
        return List.copyOf(paths);
    }

    /** kubectl at the cluster's own version: the K3S release's, or the minor's first. */
    static String kubectlImage(ClusterConfig cluster) {
        String k3s = cluster.k3sVersion();
        String version =
                k3s != null
                        ? k3s.replaceFirst("\\+.*$", "")
                        : "v" + cluster.kubernetesVersion() + ".0";
        return "registry.k8s.io/kubectl:" + version;
    }

    static List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        Map<String, String> labels = Context.labels(NAME, "database");
        Map<String, String> files = secretFiles(config);
        Map<String, String> annotations =
                new LinkedHashMap<>(VaultInjection.vaultAnnotations(NAME, Map.of(), true));
        PostgresSettings pg = config.infrastructure().require(PostgresSettings.class);
        annotations.put(
                "vault.hashicorp.com/agent-inject-secret-superuser", pg.superuserPassword().path());
        annotations.put(
                "vault.hashicorp.com/agent-inject-template-superuser",
                secretTemplate(
                        PostgresCluster.SUPERUSER_SECRET,
                        "kubernetes.io/basic-auth",
                        Map.of("username", "postgres"),
                        Map.of("password", pg.superuserPassword())));
        if (config.backedUp()) {
            BackupConfig.S3Target target = config.backups().target();
            annotations.put(
                    "vault.hashicorp.com/agent-inject-secret-backup-s3",
                    target.accessKeyId().path());
            annotations.put(
                    "vault.hashicorp.com/agent-inject-template-backup-s3",
                    secretTemplate(
                            PostgresCluster.BACKUP_SECRET,
                            "Opaque",
                            Map.of(),
                            new java.util.TreeMap<>(
                                    Map.of(
                                            PostgresCluster.ACCESS_KEY,
                                            target.accessKeyId(),
                                            PostgresCluster.SECRET_KEY,
                                            target.secretAccessKey()))));
        }
        List<String> command =
                new ArrayList<>(
                        List.of("kubectl", "apply", "--server-side", "--field-manager=" + NAME));
        files.keySet().forEach(f -> command.addAll(List.of("-f", Workloads.VAULT_SECRETS_DIR + f)));
        var container =
                new ContainerBuilder()
                        .withName("apply")
                        .withImage(kubectlImage(config.cluster()))
                        .withCommand(command)
                        .withEnv(Workloads.env("HOME", "/tmp"))
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName(API_ACCESS)
                        .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .withResources(
                                Workloads.resources(Resources.of("10m", "64Mi", "200m", "128Mi")))
                        .withSecurityContext(PodSecurity.containerSecurity(UID, UID, true))
                        .build();
        var job =
                Workloads.forcedJob(
                        NAME,
                        labels,
                        annotations,
                        NAME,
                        container,
                        List.of(
                                VaultInjection.emptyDir("tmp"),
                                VaultInjection.vaultTokenVolume(),
                                apiAccess()));
        List<String> names = List.copyOf(files.values());
        var role =
                new RoleBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withLabels(labels)
                        .endMetadata()
                        .withRules(
                                new PolicyRuleBuilder()
                                        .withApiGroups("")
                                        .withResources("secrets")
                                        .withResourceNames(names)
                                        .withVerbs("get", "patch")
                                        .build(),
                                // creation cannot be limited to names; the Job creates only these
                                new PolicyRuleBuilder()
                                        .withApiGroups("")
                                        .withResources("secrets")
                                        .withVerbs("create")
                                        .build())
                        .build();
        var binding =
                new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName(NAME)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", NAME)
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName(NAME)
                        .endSubject()
                        .build();
        return List.of(Workloads.serviceAccount(NAME, labels), role, binding, job);
    }

    /**
     * The Vault agent template of one Secret's manifest: each data key from its Vault reference,
     * base64-encoded by the agent; {@code fixed} keys are plain values written as they are.
     */
    static String secretTemplate(
            String name, String type, Map<String, String> fixed, Map<String, VaultRef> keys) {
        StringBuilder t = new StringBuilder();
        t.append("apiVersion: v1\nkind: Secret\nmetadata:\n  name: ")
                .append(name)
                .append("\n  labels:\n    app.kubernetes.io/managed-by: ")
                .append(NAME)
                .append("\ntype: ")
                .append(type)
                .append("\nstringData:\n");
        fixed.forEach((k, v) -> t.append("  ").append(k).append(": ").append(v).append('\n'));
        t.append("data:\n");
        keys.forEach(
                (k, ref) ->
                        t.append("  ")
                                .append(k)
                                .append(": {{ with secret \"")
                                .append(ref.path())
                                .append("\" }}{{ index .Data.data \"")
                                .append(ref.key())
                                .append("\" | base64Encode }}{{ end }}\n"));
        return t.toString();
    }
}
