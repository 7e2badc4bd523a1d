package io.neotool.gitops.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.app.AppComponent;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.flux.FluxResource;
import io.neotool.gitops.flux.Kustomization;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.render.CanonicalYaml;
import io.neotool.gitops.wiring.VaultRoles;
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
        java.util.Set<String> shards = new AppsLayer(context, tree, objectFiles, owner).write(apps);
        clusterFolder(shards);
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

    /** A Flux Kustomization of the cluster folder, written there; returns its file name. */
    private String kustomization(
            String folder,
            String name,
            String path,
            boolean prune,
            @org.jspecify.annotations.Nullable List<FluxResource.DependsOn> dependsOn) {
        EnvironmentConfig config = context.config();
        Kustomization kustomization =
                new Kustomization(
                        name,
                        "flux-system",
                        Kustomization.Spec.builder()
                                .interval(config.flux().interval())
                                .retryInterval(config.flux().retryInterval())
                                .timeout(config.flux().timeout())
                                .path(path)
                                .prune(prune)
                                .gitRepository("flux-system")
                                .dependsOn(dependsOn)
                                .build());
        String file = name + ".yaml";
        tree.add(
                folder + "/" + file,
                owner,
                CanonicalYaml.write(
                        ObjectFiles.marked(kustomization, ObjectFiles.source(owner, "flux"))));
        return file;
    }

    private void clusterFolder(java.util.Set<String> shards) {
        EnvironmentConfig config = context.config();
        String cluster = context.cluster();
        String folder = "clusters/" + cluster;
        List<String> names = new ArrayList<>();
        String previous = null;
        for (Layer layer : Layer.values()) {
            List<FluxResource.DependsOn> dependsOn =
                    previous == null ? null : List.of(new FluxResource.DependsOn(previous, null));
            if (layer == Layer.APPS) {
                // retired: applies nothing and prunes nothing (see AppShards)
                names.add(
                        kustomization(
                                folder,
                                layer.kustomization(),
                                "./" + AppShards.retiredFolder(layer.folder(cluster)),
                                false,
                                dependsOn));
                for (String shard : shards) {
                    names.add(
                            kustomization(
                                    folder,
                                    shard,
                                    "./" + AppShards.folder(layer.folder(cluster), shard),
                                    true,
                                    dependsOn));
                }
                break;
            }
            names.add(
                    kustomization(
                            folder,
                            layer.kustomization(),
                            "./" + layer.folder(cluster),
                            true,
                            dependsOn));
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
                                            new ArrayList<>(VaultRoles.mounts(roles)),
                                            "audience",
                                            VaultInjection.AUDIENCE)));
        }
    }
}
