package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One NeoTool app. The base ({@code apps/base/<app>/}) holds what every environment shares:
 * ServiceAccount, Deployment (image without tag, env wired to what the app uses, probes, Vault
 * annotations) and Service. The cluster overlay sets the tag, replicas and resources, and adds the
 * Ingress when the app is public.
 */
public final class AppComponent {
    public static final String HTTP = "http";
    public static final String METRICS = "metrics";
    public static final int SERVICE_PORT = 80;
    static final long UID = 10001;

    private final AppConfig app;

    public AppComponent(AppConfig app) {
        this.app = app;
    }

    public AppConfig app() {
        return app;
    }

    public String name() {
        return app.name();
    }

    public ImageRef image() {
        return ImageRef.of(app.image());
    }

    /** The environment-independent objects of {@code apps/base/<app>/}. */
    public List<HasMetadata> baseObjects(EnvironmentConfig config) {
        Map<String, String> labels =
                Context.labels(
                        app.name(),
                        app.type() == AppConfig.AppType.NEXTJS ? "frontend" : "service");
        AppWiring wiring = AppWiring.of(app);
        Map<String, String> env = wiring.env();
        Map<String, VaultRef> secrets = wiring.secrets();
        List<EnvVar> envVars = Workloads.env(env);
        boolean vault = !secrets.isEmpty();

        var container =
                new ContainerBuilder()
                        .withName(app.name())
                        .withImage(image().repository())
                        .withEnv(envVars)
                        .addNewPort()
                        .withName(HTTP)
                        .withContainerPort(app.port())
                        .withProtocol("TCP")
                        .endPort()
                        .withStartupProbe(
                                Workloads.httpProbe(
                                        app.probes().readiness(),
                                        HTTP,
                                        5,
                                        Math.max(1, (app.probes().startupSeconds() + 4) / 5)))
                        .withReadinessProbe(
                                Workloads.httpProbe(app.probes().readiness(), HTTP, 10, 3))
                        .withLivenessProbe(
                                Workloads.httpProbe(app.probes().liveness(), HTTP, 20, 3))
                        .withSecurityContext(PodSecurity.containerSecurity(UID, UID, true))
                        .addNewVolumeMount()
                        .withName("tmp")
                        .withMountPath("/tmp")
                        .endVolumeMount();
        if (app.metricsPort() != null) {
            container
                    .addNewPort()
                    .withName(METRICS)
                    .withContainerPort(app.metricsPort())
                    .withProtocol("TCP")
                    .endPort();
        }
        if (app.type() == AppConfig.AppType.NEXTJS) {
            container
                    .addNewVolumeMount()
                    .withName("next-cache")
                    .withMountPath("/app/.next/cache")
                    .endVolumeMount();
        }
        var podSpec =
                new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                        .withServiceAccountName(app.name())
                        .withAutomountServiceAccountToken(false)
                        .withSecurityContext(PodSecurity.pod(UID))
                        .withContainers(container.build())
                        .addNewVolume()
                        .withName("tmp")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .endVolume();
        if (vault) {
            podSpec.addToVolumes(VaultInjection.vaultTokenVolume());
        }
        if (app.type() == AppConfig.AppType.NEXTJS) {
            podSpec.addNewVolume()
                    .withName("next-cache")
                    .withNewEmptyDir()
                    .endEmptyDir()
                    .endVolume();
        }
        Map<String, String> annotations =
                new TreeMap<>(
                        vault
                                ? VaultInjection.vaultAnnotations(app.name(), secrets, false)
                                : Map.of());
        if (app.metricsPort() != null) {
            annotations.putAll(Workloads.scrapeAnnotations(app.metricsPort(), app.metricsPath()));
        }
        var deployment =
                new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(app.name())
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .withRevisionHistoryLimit(5)
                        .withNewSelector()
                        .withMatchLabels(Context.selector(app.name()))
                        .endSelector()
                        .withNewStrategy()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                        .withNewMaxUnavailable(0)
                        .withNewMaxSurge(1)
                        .endRollingUpdate()
                        .endStrategy()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .withAnnotations(annotations.isEmpty() ? null : annotations)
                        .endMetadata()
                        .withSpec(podSpec.build())
                        .endTemplate()
                        .endSpec()
                        .build();
        var service =
                new ServiceBuilder()
                        .withNewMetadata()
                        .withName(app.name())
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withType("ClusterIP")
                        .withSelector(Context.selector(app.name()))
                        .addNewPort()
                        .withName(HTTP)
                        .withPort(SERVICE_PORT)
                        .withNewTargetPort(HTTP)
                        .withProtocol("TCP")
                        .endPort()
                        .endSpec()
                        .build();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(Workloads.serviceAccount(app.name(), labels));
        objects.add(deployment);
        objects.add(service);
        return objects;
    }

    /**
     * The Ingress of a public app, on the cluster's ingress class, TLS at Traefik's websecure entry
     * point.
     */
    public Ingress ingress(EnvironmentConfig config) {
        String tls = Components.tlsSecret(config, app.host());
        return new IngressBuilder()
                .withNewMetadata()
                .withName(app.name())
                .withLabels(Context.labels(app.name(), "ingress"))
                .addToAnnotations("traefik.ingress.kubernetes.io/router.entrypoints", "websecure")
                .addToAnnotations("traefik.ingress.kubernetes.io/router.tls", "true")
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(config.cluster().ingressClass())
                .withTls(
                        tls == null
                                ? List.of()
                                : List.of(
                                        new IngressTLSBuilder()
                                                .withHosts(app.host())
                                                .withSecretName(tls)
                                                .build()))
                .addNewRule()
                .withHost(app.host())
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(app.name())
                .withNewPort()
                .withName(HTTP)
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    /** The overlay's JSON patch that sets the container resources of this environment. */
    public List<Map<String, Object>> resourcesPatch() {
        return List.of(
                Map.of(
                        "op", "add",
                        "path", "/spec/template/spec/containers/0/resources",
                        "value", Workloads.resourceValues(app.resources())));
    }

    /** The Vault paths an app reads: its database password and each declared secret. */
    static List<String> vaultPaths(AppConfig app) {
        List<String> paths = new ArrayList<>();
        if (app.uses().database() != null) {
            paths.add(app.uses().database().password().path());
        }
        app.uses().secrets().forEach(secret -> paths.add(secret.from().path()));
        return paths;
    }
}
