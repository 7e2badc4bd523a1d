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
    private final FluxShims shims;

    public FluxLayout(Context context) {
        this(context, FluxShims.NONE);
    }

    /** A layout that keeps {@code shims} for what an upgrade renames. */
    public FluxLayout(Context context, FluxShims shims) {
        this.shims = shims;
        this.context = context;
        this.owner = context.loaded().source();
        this.objectFiles = new ObjectFiles(context, tree);
    }

    /** The operators' scripts of the components, for the cluster folder. */
    private final Map<String, String> operatorFiles = new java.util.TreeMap<>();

    public OutputTree build(List<Component> components, List<AppComponent> apps) {
        EnvironmentConfig config = context.config();
        for (Component component : components) {
            if (!component.enabled(config)) {
                continue;
            }
            componentFolder(
                    component.layer(),
                    component,
                    component.objects(context),
                    component.files(context));
            operatorFiles.putAll(component.operatorFiles(context));
            List<HasMetadata> custom = component.customResources(context);
            if (!custom.isEmpty()) {
                componentFolder(Layer.CONFIGS, component, custom, Map.of());
            }
        }
        Map<String, Map<String, Component>> appUnits =
                new AppsLayer(context, tree, objectFiles, owner).write(apps, components);
        clusterFolder(FluxUnits.of(context, components, appUnits));
        return tree;
    }

    /**
     * A component's folder in {@code layer}: its objects and files, listed in its kustomization.
     */
    private void componentFolder(
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

    /** A shim: the old name, pruning nothing, applying nothing ({@link FluxShims}). */
    private String shim(String folder, String name, String path) {
        Kustomization shim =
                new Kustomization(
                        name,
                        "flux-system",
                        Kustomization.Spec.builder()
                                .interval(context.config().flux().interval())
                                .retryInterval(context.config().flux().retryInterval())
                                .timeout(context.config().flux().timeout())
                                .path(path)
                                .prune(false)
                                .gitRepository("flux-system")
                                .build());
        HasMetadata marked = ObjectFiles.marked(shim, ObjectFiles.source(owner, "flux"));
        marked.getMetadata().getAnnotations().put(FluxShims.ANNOTATION, FluxShims.WHEN);
        String file = name + ".yaml";
        tree.add(folder + "/" + file, owner, FluxShims.comment(name) + CanonicalYaml.write(marked));
        return file;
    }

    /**
     * The cluster folder: a Flux Kustomization per unit ({@link FluxUnits}), the shims an upgrade
     * needs ({@link FluxShims}), the folder's kustomization and the Vault policies script.
     */
    private void clusterFolder(List<FluxUnits.Unit> units) {
        EnvironmentConfig config = context.config();
        String cluster = context.cluster();
        String folder = "clusters/" + cluster;
        List<String> names = new ArrayList<>();
        java.util.Set<String> current = new TreeSet<>();
        for (FluxUnits.Unit unit : units) {
            current.add(unit.name());
            names.add(
                    kustomization(
                            folder,
                            unit.name(),
                            "./" + unit.path(),
                            true,
                            unit.dependsOn().isEmpty()
                                    ? null
                                    : unit.dependsOn().stream()
                                            .map(d -> new FluxResource.DependsOn(d, null))
                                            .toList()));
        }
        java.util.SortedSet<String> retiring = shims.retiring(current, tree.files().keySet());
        if (!retiring.isEmpty()) {
            String empty = FluxShims.folder(cluster);
            tree.add(
                    empty + "/" + KUSTOMIZATION,
                    owner,
                    CanonicalYaml.write(KustomizeFile.of(List.of())));
            for (String shim : retiring) {
                names.add(shim(folder, shim, "./" + empty));
            }
        }
        java.util.Collections.sort(names);
        names.add("flux-system");
        tree.add(folder + "/" + KUSTOMIZATION, owner, CanonicalYaml.write(KustomizeFile.of(names)));
        operatorFiles.forEach((file, text) -> tree.add(folder + "/" + file, owner, text));
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
