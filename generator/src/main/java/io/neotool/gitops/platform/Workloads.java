package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
     * The Ingress values of the charts that take a list of hosts with paths ({@code className},
     * {@code hosts[].paths[]}): the cluster's ingress class, {@code host} routed from {@code path}
     * on, and its certificate when a component issues one.
     */
    public static Map<String, Object> chartIngress(Context context, String host, String path) {
        EnvironmentConfig config = context.config();
        return withTls(
                context,
                host,
                Map.of(
                        "enabled",
                        true,
                        "className",
                        config.cluster().ingressClass(),
                        "hosts",
                        List.of(
                                Map.of(
                                        "host",
                                        host,
                                        "paths",
                                        List.of(Map.of("path", path, "pathType", "Prefix"))))));
    }

    /**
     * A chart's Ingress values with the certificate of {@code host} under {@code tls} when a
     * component issues one ({@link Context#tlsSecret}); the values as given otherwise.
     */
    public static Map<String, Object> withTls(
            Context context, String host, Map<String, Object> ingress) {
        String secret = context.tlsSecret(host);
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

    /** An image as a version table row: {@code image <repository>} to its tag. */
    public static Map<String, String> imageVersion(String reference) {
        io.neotool.gitops.config.ImageRef image = io.neotool.gitops.config.ImageRef.of(reference);
        return Map.of("image " + image.repository(), image.tag());
    }

    /** A component's image and its exporter's, as version table rows in that order. */
    public static Map<String, String> imageVersions(String image, String exporter) {
        Map<String, String> versions = new java.util.LinkedHashMap<>(imageVersion(image));
        versions.putAll(imageVersion(exporter));
        return versions;
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
            @Nullable Map<String, String> podAnnotations,
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
                .withSecurityContext(PodSecurity.pod(null))
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
