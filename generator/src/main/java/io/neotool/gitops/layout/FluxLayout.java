package io.neotool.gitops.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.component.AppComponent;
import io.neotool.gitops.component.Component;
import io.neotool.gitops.component.Context;
import io.neotool.gitops.component.Layer;
import io.neotool.gitops.component.VaultRoles;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.flux.FluxResource;
import io.neotool.gitops.flux.Kustomization;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places objects in Flux's monorepo layout and writes the glue: a {@code kustomization.yaml} in
 * every folder Flux reads, and per cluster the Flux Kustomizations {@code infra-controllers →
 * infra-configs → apps}, chained by {@code dependsOn}.
 */
public final class FluxLayout {
    /**
     * Label every object we write carries, so a person can tell generated objects in the cluster.
     */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    public static final String MANAGER = "neotool-gitops";
    static final String KUSTOMIZATION = "kustomization.yaml";

    private final Context context;
    private final String owner;
    private final OutputTree tree = new OutputTree();
    private final ObjectFiles objectFiles;

    public FluxLayout(Context context) {
        this.context = context;
        this.owner = context.loaded().source();
        this.objectFiles = new ObjectFiles(context, tree);
    }

    public OutputTree build(List<Component> components, List<AppComponent> apps) {
        EnvironmentConfig config = context.config();
        String cluster = context.cluster();
        Map<Layer, SortedSet<String>> layerFolders = new TreeMap<>();
        for (Component component : components) {
            if (!component.enabled(config)) {
                continue;
            }
            componentFolder(
                    layerFolders,
                    component.layer(),
                    component,
                    component.objects(context),
                    component.files(context));
            List<HasMetadata> custom = component.customResources(context);
            if (!custom.isEmpty()) {
                componentFolder(layerFolders, Layer.CONFIGS, component, custom, Map.of());
            }
        }
        for (Layer layer : List.of(Layer.CONTROLLERS, Layer.CONFIGS)) {
            List<String> folders =
                    new ArrayList<>(layerFolders.getOrDefault(layer, new TreeSet<>()));
            tree.add(
                    layer.folder(cluster) + "/" + KUSTOMIZATION,
                    owner,
                    CanonicalYaml.write(KustomizeFile.of(folders)));
        }
        appsLayer(apps);
        clusterFolder();
        return tree;
    }

    /**
     * A component's folder in {@code layer}: its objects and files, listed in its kustomization.
     */
    private void componentFolder(
            Map<Layer, SortedSet<String>> layerFolders,
            Layer layer,
            Component component,
            List<HasMetadata> objects,
            Map<String, String> files) {
        String folder = layer.folder(context.cluster()) + "/" + component.name();
        List<String> names = new ArrayList<>();
        for (HasMetadata object : objects) {
            names.add(
                    objectFiles.add(
                            folder,
                            object,
                            true,
                            owner,
                            ObjectFiles.source(owner, component.configPath())));
        }
        files.forEach(
                (name, text) -> {
                    tree.add(folder + "/" + name, owner, text);
                    names.add(name);
                });
        tree.add(folder + "/" + KUSTOMIZATION, owner, CanonicalYaml.write(KustomizeFile.of(names)));
        layerFolders.computeIfAbsent(layer, l -> new TreeSet<>()).add(component.name());
    }

    /**
     * {@code apps/base/<app>/} holds what every environment shares; {@code apps/<cluster>/<app>/}
     * the app's overlay for this cluster (its image tag, replicas, resources, Ingress), and {@code
     * apps/<cluster>/} lists the app folders and sets the namespace. An overlay per app keeps each
     * patch to the app's own few objects, so Flux's build stays linear in the number of apps (one
     * overlay with a patch per app made kustomize match every patch against every object).
     */
    private void appsLayer(List<AppComponent> apps) {
        EnvironmentConfig config = context.config();
        String overlay = Layer.APPS.folder(context.cluster());
        List<String> folders = new ArrayList<>();
        for (AppComponent app : apps) {
            String base = "apps/base/" + app.name();
            List<String> names = new ArrayList<>();
            for (HasMetadata object : app.baseObjects(config)) {
                names.add(
                        objectFiles.add(
                                base,
                                object,
                                false,
                                OutputTree.SHARED,
                                ObjectFiles.source(
                                        objectFiles.sharedSource(), "apps." + app.name())));
            }
            tree.add(
                    base + "/" + KUSTOMIZATION,
                    OutputTree.SHARED,
                    CanonicalYaml.write(KustomizeFile.of(names)));
            String folder = overlay + "/" + app.name();
            List<String> resources = new ArrayList<>(List.of("../../base/" + app.name()));
            if (app.app().isPublic()) {
                resources.add(
                        objectFiles.add(
                                folder,
                                app.ingress(config),
                                false,
                                owner,
                                ObjectFiles.source(owner, "apps." + app.name())));
            }
            tree.add(
                    folder + "/" + KUSTOMIZATION,
                    owner,
                    CanonicalYaml.write(
                            KustomizeFile.overlay(
                                    null,
                                    resources,
                                    List.of(
                                            Map.of(
                                                    "name",
                                                    app.image().repository(),
                                                    "newTag",
                                                    app.image().tag())),
                                    List.of(
                                            Map.of(
                                                    "name",
                                                    app.name(),
                                                    "count",
                                                    app.app().replicas())),
                                    List.of(
                                            Map.of(
                                                    "target",
                                                    Map.of(
                                                            "kind",
                                                            "Deployment",
                                                            "name",
                                                            app.name()),
                                                    "patch",
                                                    CanonicalYaml.writeEmbedded(
                                                            app.resourcesPatch()))))));
            folders.add(app.name());
        }
        tree.add(
                overlay + "/" + KUSTOMIZATION,
                owner,
                CanonicalYaml.write(
                        KustomizeFile.overlay(
                                context.namespace(), folders, List.of(), List.of(), List.of())));
    }

    private void clusterFolder() {
        EnvironmentConfig config = context.config();
        String cluster = context.cluster();
        String folder = "clusters/" + cluster;
        List<String> names = new ArrayList<>();
        String previous = null;
        for (Layer layer : Layer.values()) {
            List<FluxResource.DependsOn> dependsOn =
                    previous == null ? null : List.of(new FluxResource.DependsOn(previous, null));
            Kustomization kustomization =
                    new Kustomization(
                            layer.kustomization(),
                            "flux-system",
                            Kustomization.Spec.builder()
                                    .interval(config.flux().interval())
                                    .retryInterval(config.flux().retryInterval())
                                    .timeout(config.flux().timeout())
                                    .path("./" + layer.folder(cluster))
                                    .gitRepository("flux-system")
                                    .dependsOn(dependsOn)
                                    .build());
            String name = layer.kustomization() + ".yaml";
            tree.add(
                    folder + "/" + name,
                    owner,
                    CanonicalYaml.write(
                            ObjectFiles.marked(kustomization, ObjectFiles.source(owner, "flux"))));
            names.add(name);
            previous = layer.kustomization();
        }
        names.add("flux-system");
        tree.add(folder + "/" + KUSTOMIZATION, owner, CanonicalYaml.write(KustomizeFile.of(names)));
        var roles = VaultRoles.of(config);
        if (!roles.isEmpty()) {
            List<Map<String, Object>> model = new ArrayList<>();
            roles.forEach(
                    (role, paths) ->
                            model.add(Map.of("name", role, "paths", new ArrayList<>(paths))));
            tree.add(
                    folder + "/vault-policies.sh",
                    owner,
                    context.templates()
                            .render(
                                    "vault-policies.sh.ftl",
                                    Map.of(
                                            "cluster",
                                            cluster,
                                            "namespace",
                                            context.namespace(),
                                            "roles",
                                            model,
                                            "mounts",
                                            new ArrayList<>(VaultRoles.mounts(roles)))));
        }
    }
}
