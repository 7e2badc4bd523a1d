package io.neotool.gitops.components.app;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.AppWiring;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
    private final ImageRef image;

    public AppComponent(AppConfig app) {
        this.app = app;
        this.image = ImageRef.of(app.image());
    }

    public AppConfig app() {
        return app;
    }

    public String name() {
        return app.name();
    }

    public ImageRef image() {
        return image;
    }

    /** The environment-independent objects of {@code apps/base/<app>/}. */
    public List<HasMetadata> baseObjects(Context context) {
        Map<String, String> labels =
                Context.labels(
                        app.name(),
                        app.type() == AppConfig.AppType.NEXTJS ? "frontend" : "service");
        AppWiring wiring = context.wiring(app);
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
        PodSpec pod = podSpec.build();
        pod.setContainers(List.of(container.build()));
        // several replicas spread over the nodes when there are several (preferred: on one node,
        // or with a node lost, every pod still starts)
        pod.setTopologySpreadConstraints(
                List.of(
                        io.neotool.gitops.platform.Spread.constraint(
                                Context.selector(app.name()))));
        Map<String, String> annotations =
                new TreeMap<>(
                        vault
                                ? VaultInjection.vaultAnnotations(app.name(), secrets, false)
                                : Map.of());
        if (app.metricsPort() != null) {
            annotations.putAll(Workloads.scrapeAnnotations(app.metricsPort(), app.metricsPath()));
        }
        // assembled with setters, each part built once: a fabric8 builder copies every object it
        // is given (withSpec, endTemplate, endSpec), and the pod spec is the bulk of a Deployment
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewMetadata()
                        .withLabels(labels)
                        .withAnnotations(annotations.isEmpty() ? null : annotations)
                        .endMetadata()
                        .build();
        template.setSpec(pod);
        DeploymentSpec spec =
                new DeploymentSpecBuilder()
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
                        .build();
        spec.setTemplate(template);
        Deployment deployment =
                new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(app.name())
                        .withLabels(labels)
                        .endMetadata()
                        .build();
        deployment.setSpec(spec);
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

    /** The Ingress of a public app ({@link AppIngress}). */
    public Ingress ingress(Context context) {
        return AppIngress.of(app, context);
    }

    /** The overlay's JSON patch that sets the container resources of this environment. */
    public List<Map<String, Object>> resourcesPatch() {
        return List.of(
                Map.of(
                        "op", "add",
                        "path", "/spec/template/spec/containers/0/resources",
                        "value", Workloads.resourceValues(app.resources())));
    }

    /** The app's disruption budget on three nodes with several replicas, or null. */
    public @Nullable HasMetadata budget(EnvironmentConfig config) {
        if (!io.neotool.gitops.platform.Spread.applies(config, app.replicas())) {
            return null;
        }
        return io.neotool.gitops.platform.Spread.budget(
                app.name(), Context.labels(app.name(), "service"), Context.selector(app.name()));
    }

    /** The Vault paths an app reads: its database password and each declared secret. */
    public static List<String> vaultPaths(AppConfig app) {
        List<String> paths = new ArrayList<>();
        if (app.uses().database() != null) {
            paths.add(app.uses().database().password().path());
        }
        app.uses().secrets().forEach(secret -> paths.add(secret.from().path()));
        return paths;
    }
}
