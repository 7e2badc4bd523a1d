package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Building blocks shared by the plain-manifest workloads. */
public final class Workloads {
    /** Where the Vault agent writes rendered secrets inside the pod. */
    public static final String VAULT_SECRETS_DIR = "/vault/secrets/";

    private Workloads() {}

    public static ResourceRequirements resources(Resources r) {
        Map<String, Quantity> requests = new TreeMap<>();
        requests.put("cpu", new Quantity(r.requests().cpu()));
        requests.put("memory", new Quantity(r.requests().memory()));
        Map<String, Quantity> limits = new TreeMap<>();
        limits.put("cpu", new Quantity(r.limits().cpu()));
        limits.put("memory", new Quantity(r.limits().memory()));
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    /** The same resources as Helm values. */
    /**
     * A chart's Ingress values with the certificate of {@code host} under {@code tls} when a
     * component issues one ({@link Components#tlsSecret}); the values as given otherwise.
     */
    public static Map<String, Object> withTls(
            EnvironmentConfig config, String host, Map<String, Object> ingress) {
        String secret = Components.tlsSecret(config, host);
        if (secret == null) {
            return ingress;
        }
        Map<String, Object> values = new TreeMap<>(ingress);
        values.put("tls", List.of(Map.of("secretName", secret, "hosts", List.of(host))));
        return values;
    }

    public static Map<String, Object> resourceValues(Resources r) {
        return Map.of(
                "requests", Map.of("cpu", r.requests().cpu(), "memory", r.requests().memory()),
                "limits", Map.of("cpu", r.limits().cpu(), "memory", r.limits().memory()));
    }

    public static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    public static List<EnvVar> env(Map<String, String> values) {
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> env.add(env(k, v)));
        return env;
    }

    /**
     * A ServiceAccount per workload: its identity towards Vault; no Kubernetes API token mounted.
     */
    public static ServiceAccount serviceAccount(String name, Map<String, String> labels) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withAutomountServiceAccountToken(false)
                .build();
    }

    /**
     * The injector annotation naming the pod volume that holds the agent's ServiceAccount token.
     */
    public static final String TOKEN_VOLUME_ANNOTATION =
            "vault.hashicorp.com/agent-service-account-token-volume-name";

    /** Name of the projected token volume the Vault agent authenticates with. */
    public static final String VAULT_TOKEN_VOLUME = "vault-token";

    /**
     * The Pod Security Standard "restricted" for a container: a fixed non-root UID, no privilege
     * escalation, no capabilities, the runtime's seccomp profile, and a read-only root filesystem
     * unless the component's config declares that its image cannot run with one.
     */
    public static SecurityContext containerSecurity(long uid, long gid, boolean readOnlyRoot) {
        Capabilities dropAll = new CapabilitiesBuilder().withDrop("ALL").build();
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(gid)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(readOnlyRoot)
                .withCapabilities(dropAll)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    /** Whether the settings leave the root filesystem read-only (no declared exemption). */
    public static boolean readOnlyRoot(
            java.util.List<io.neotool.gitops.config.SecurityExemption> exemptions) {
        return !io.neotool.gitops.config.InfrastructureConfig.exempt(
                exemptions,
                io.neotool.gitops.config.SecurityExemption.Control.READ_ONLY_ROOT_FILESYSTEM);
    }

    /**
     * Checkov's skip annotations for the exemptions a config declares, with the config's reasons.
     */
    public static Map<String, String> checkovSkips(
            java.util.List<io.neotool.gitops.config.SecurityExemption> exemptions) {
        Map<String, String> annotations = new TreeMap<>();
        int i = 1;
        for (var exemption : exemptions) {
            String check =
                    switch (exemption.control()) {
                        case READ_ONLY_ROOT_FILESYSTEM -> "CKV_K8S_22";
                    };
            annotations.put("checkov.io/skip" + i++, check + "=" + exemption.reason());
        }
        return annotations.isEmpty() ? null : annotations;
    }

    public static io.fabric8.kubernetes.api.model.Volume emptyDir(String name) {
        return new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .endEmptyDir()
                .build();
    }

    /**
     * A short-lived service-account token for the Vault agent only: the pod mounts no API token
     * ({@code automountServiceAccountToken: false}) and the injector gives this volume to its
     * agent.
     */
    public static io.fabric8.kubernetes.api.model.Volume vaultTokenVolume() {
        return new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName(VAULT_TOKEN_VOLUME)
                .withNewProjected()
                .addNewSource()
                .withNewServiceAccountToken()
                .withPath("token")
                .withExpirationSeconds(3600L)
                .endServiceAccountToken()
                .endSource()
                .endProjected()
                .build();
    }

    /**
     * The Vault agent's token volume as a chart's pod-volume value (charts take volumes as plain
     * maps).
     */
    public static Object vaultTokenVolumeValue() {
        return io.neotool.gitops.render.CanonicalYaml.tree(vaultTokenVolume());
    }

    /**
     * Pod-level security context values for a chart: non-root with the image's fixed ids and the
     * runtime's seccomp profile. The seccomp profile is set on the pod, not only on the chart's
     * containers, so that containers a webhook adds (the Vault agent) inherit it and the pod still
     * meets the namespace's "restricted" level.
     */
    public static Map<String, Object> restrictedPodValues(long uid, long gid) {
        Map<String, Object> values = nonRoot(uid, gid);
        values.put("fsGroup", gid);
        return values;
    }

    /**
     * Container security context values for a chart: Pod Security "restricted" (see {@link
     * #containerSecurity}).
     */
    public static Map<String, Object> restrictedContainerValues(long uid, long gid) {
        Map<String, Object> values = nonRoot(uid, gid);
        values.put("allowPrivilegeEscalation", false);
        values.put("capabilities", Map.of("drop", List.of("ALL")));
        return values;
    }

    /**
     * What the pod and its containers share: fixed non-root ids and the runtime's seccomp profile.
     */
    private static Map<String, Object> nonRoot(long uid, long gid) {
        Map<String, Object> values = new TreeMap<>();
        values.put("runAsNonRoot", true);
        values.put("runAsUser", uid);
        values.put("runAsGroup", gid);
        values.put("seccompProfile", Map.of("type", "RuntimeDefault"));
        return values;
    }

    /** The annotations the Prometheus chart's {@code kubernetes-pods} job scrapes a pod by. */
    public static Map<String, String> scrapeAnnotations(int port, String path) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(port));
        annotations.put("prometheus.io/path", path);
        return annotations;
    }

    public static Probe tcpProbe(int port, int initialDelay, int period) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withNewPort(port)
                .endTcpSocket()
                .withInitialDelaySeconds(initialDelay)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(5)
                .withFailureThreshold(6)
                .build();
    }

    public static Probe execProbe(List<String> command, int initialDelay, int period) {
        return new ProbeBuilder()
                .withNewExec()
                .withCommand(command)
                .endExec()
                .withInitialDelaySeconds(initialDelay)
                .withPeriodSeconds(period)
                .withTimeoutSeconds(5)
                .withFailureThreshold(6)
                .build();
    }

    public static Probe httpProbe(String path, String port, int period, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withNewPort(port)
                .endHttpGet()
                .withPeriodSeconds(period)
                .withTimeoutSeconds(5)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    /** A ReadWriteOnce claim template on the cluster's storage class. */
    public static PersistentVolumeClaim claimTemplate(
            String name, String storageClass, String size) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass)
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .build();
    }

    /**
     * Vault agent injector annotations: the pod authenticates with the Kubernetes auth role {@code
     * role} and finds each secret as the file {@code /vault/secrets/<file>}.
     *
     * @param secrets file name to Vault reference, in a stable order
     * @param initOnly render once before start and run no sidecar (Jobs)
     */
    public static Map<String, String> vaultAnnotations(
            String role, Map<String, VaultRef> secrets, boolean initOnly) {
        return vaultAnnotations(role, secrets, initOnly, VAULT_TOKEN_VOLUME);
    }

    /**
     * As {@link #vaultAnnotations(String, Map, boolean)}, with the agent's token taken from the pod
     * volume {@code tokenVolume}; null when the pod mounts its ServiceAccount token anyway (a chart
     * that cannot turn automounting off) and the injector finds that one. The injector refuses a
     * pod whose annotation names a volume the pod lacks.
     */
    public static Map<String, String> vaultAnnotations(
            String role, Map<String, VaultRef> secrets, boolean initOnly, String tokenVolume) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("vault.hashicorp.com/agent-inject", "true");
        annotations.put("vault.hashicorp.com/role", role);
        if (tokenVolume != null) {
            annotations.put(TOKEN_VOLUME_ANNOTATION, tokenVolume);
        }
        // Secrets must exist before any other init container runs (the backup's dump needs them).
        annotations.put("vault.hashicorp.com/agent-init-first", "true");
        if (initOnly) {
            annotations.put("vault.hashicorp.com/agent-pre-populate-only", "true");
        }
        secrets.forEach(
                (file, ref) -> {
                    annotations.put("vault.hashicorp.com/agent-inject-secret-" + file, ref.path());
                    annotations.put(
                            "vault.hashicorp.com/agent-inject-template-" + file,
                            ref.agentTemplate());
                });
        return annotations;
    }

    /** An image as a version table row: {@code image <repository>} to its tag. */
    public static Map<String, String> imageVersion(String reference) {
        io.neotool.gitops.config.ImageRef image = io.neotool.gitops.config.ImageRef.of(reference);
        return Map.of("image " + image.repository(), image.tag());
    }

    /**
     * A Job that Flux recreates whenever its template changes ({@code force}): one try after
     * another up to ten, restricted pod security, no API token, no service links.
     *
     * @param podAnnotations the pod template's annotations, or null
     */
    public static io.fabric8.kubernetes.api.model.batch.v1.Job forcedJob(
            String name,
            Map<String, String> labels,
            Map<String, String> podAnnotations,
            String serviceAccount,
            io.fabric8.kubernetes.api.model.Container container,
            List<io.fabric8.kubernetes.api.model.Volume> volumes) {
        return new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .addToAnnotations("kustomize.toolkit.fluxcd.io/force", "enabled")
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(10)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(podAnnotations)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("OnFailure")
                .withServiceAccountName(serviceAccount)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(container)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The client Service of a workload: ClusterIP, one TCP port that targets the container port of
     * that name.
     */
    public static io.fabric8.kubernetes.api.model.Service clusterIpService(
            String name, Map<String, String> labels, String portName, int port) {
        return new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Context.selector(name))
                .addNewPort()
                .withName(portName)
                .withPort(port)
                .withNewTargetPort(portName)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
