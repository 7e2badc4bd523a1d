package io.neotool.gitops.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.app.AppComponent;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The apps' folders of one cluster: the shared bases, each app's overlay and units. */
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
     * the app's overlay for this cluster (its namespace, image tag, replicas, resources, Ingress),
     * the path of the app's own Flux Kustomization; {@code apps/<cluster>/<app>-<unit>/} what a
     * component deploys for the app (its database Job), each the path of a Flux Kustomization of
     * that name, which the app waits for ({@link FluxUnits}). Returns, per app, each unit's name
     * and component.
     */
    Map<String, Map<String, Component>> write(List<AppComponent> apps, List<Component> components) {
        String overlay = Layer.APPS.folder(context.cluster());
        Map<String, Map<String, Component>> units = new java.util.TreeMap<>();
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
            HasMetadata budget = app.budget(context.config());
            if (budget != null) {
                resources.add(
                        objectFiles.add(
                                folder,
                                budget,
                                false,
                                owner,
                                ObjectFiles.source(owner, "apps." + app.name() + ".replicas")));
            }
            tree.add(
                    folder + "/" + KUSTOMIZATION,
                    owner,
                    CanonicalYaml.write(
                            KustomizeFile.overlay(
                                    context.namespace(),
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
            for (Component component : components) {
                if (!component.enabled(context.config())) {
                    continue;
                }
                component
                        .appUnits(context, app.app())
                        .forEach(
                                (unit, objects) -> {
                                    unit(
                                            overlay + "/" + FluxUnits.appUnit(app.name(), unit),
                                            objects,
                                            app.name());
                                    units.computeIfAbsent(
                                                    app.name(), k -> new java.util.TreeMap<>())
                                            .put(unit, component);
                                });
            }
        }
        groups(apps, units);
        return units;
    }

    /**
     * {@code apps/<cluster>/_groups/<group>/}: the overlays of the apps of a group, and {@code
     * <group>-<unit>/} their units, each the path of the group's Flux Kustomizations.
     */
    private void groups(List<AppComponent> apps, Map<String, Map<String, Component>> units) {
        Map<String, java.util.SortedSet<String>> members = new java.util.TreeMap<>();
        for (AppComponent app : apps) {
            String group = app.app().group();
            if (group == null) {
                continue;
            }
            members.computeIfAbsent(group, g -> new java.util.TreeSet<>())
                    .add("../../" + app.name());
            units.getOrDefault(app.name(), Map.of())
                    .keySet()
                    .forEach(
                            unit ->
                                    members.computeIfAbsent(
                                                    FluxUnits.appUnit(group, unit),
                                                    g -> new java.util.TreeSet<>())
                                            .add("../../" + FluxUnits.appUnit(app.name(), unit)));
        }
        members.forEach(
                (name, folders) ->
                        tree.add(
                                FluxUnits.groupFolder(context.cluster(), name)
                                        + "/"
                                        + KUSTOMIZATION,
                                owner,
                                CanonicalYaml.write(KustomizeFile.of(new ArrayList<>(folders)))));
    }

    /** A unit's folder: its objects, listed in its kustomization. */
    private void unit(String folder, List<HasMetadata> objects, String app) {
        List<String> names = new ArrayList<>();
        for (HasMetadata object : objects) {
            names.add(
                    objectFiles.add(
                            folder, object, true, owner, ObjectFiles.source(owner, "apps." + app)));
        }
        tree.add(folder + "/" + KUSTOMIZATION, owner, CanonicalYaml.write(KustomizeFile.of(names)));
    }
}
