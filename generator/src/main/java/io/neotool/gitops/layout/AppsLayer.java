package io.neotool.gitops.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.app.AppComponent;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The apps' folders of one cluster: the shared bases, each app's overlay, the shards. */
final class AppsLayer {
    private static final String KUSTOMIZATION = FluxLayout.KUSTOMIZATION;

    private final Context context;
    private final OutputTree tree;
    private final ObjectFiles objectFiles;
    private final String owner;

    AppsLayer(Context context, OutputTree tree, ObjectFiles objectFiles, String owner) {
        this.context = context;
        this.tree = tree;
        this.objectFiles = objectFiles;
        this.owner = owner;
    }

    /**
     * {@code apps/base/<app>/} holds what every environment shares; {@code apps/<cluster>/<app>/}
     * the app's overlay for this cluster (its image tag, replicas, resources, Ingress); {@code
     * apps/<cluster>/_shards/<shard>/} lists the overlays of the apps of one shard ({@link
     * AppShards}) and sets the namespace. An overlay per app keeps each patch to the app's own few
     * objects, and a shard keeps each Flux path to a few apps, so no build of Flux grows with the
     * number of apps.
     */
    /** Writes the apps' folders; returns the shards they fill, each a Flux Kustomization. */
    java.util.SortedSet<String> write(List<AppComponent> apps) {
        String overlay = Layer.APPS.folder(context.cluster());
        SortedMap<String, List<String>> shards = new java.util.TreeMap<>();
        for (AppComponent app : apps) {
            String base = "apps/base/" + app.name();
            List<String> names = new ArrayList<>();
            for (HasMetadata object : app.baseObjects(context)) {
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
                                app.ingress(context),
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
            shards.computeIfAbsent(AppShards.of(app.name()), k -> new ArrayList<>())
                    .add("../../" + app.name());
        }
        shards.forEach(
                (shard, members) ->
                        tree.add(
                                AppShards.folder(overlay, shard) + "/" + KUSTOMIZATION,
                                owner,
                                CanonicalYaml.write(
                                        KustomizeFile.overlay(
                                                context.namespace(),
                                                members,
                                                List.of(),
                                                List.of(),
                                                List.of()))));
        // the retired single Kustomization's path: it builds nothing (see AppShards)
        tree.add(
                AppShards.retiredFolder(overlay) + "/" + KUSTOMIZATION,
                owner,
                CanonicalYaml.write(
                        KustomizeFile.overlay(
                                context.namespace(), List.of(), List.of(), List.of(), List.of())));
        return new java.util.TreeSet<>(shards.keySet());
    }
}
