package io.neotool.gitops;

import io.neotool.gitops.components.app.AppComponent;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.layout.ClusterObjects;
import io.neotool.gitops.layout.ClusterReadme;
import io.neotool.gitops.layout.FluxLayout;
import io.neotool.gitops.layout.FluxShims;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.render.Templates;
import io.neotool.gitops.wiring.Components;
import io.neotool.gitops.wiring.Wiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Config in, repository tree out. Pure: no disk access beyond files the config names (the shims of
 * an upgrade are read from the tree on disk by the caller, {@link FluxHistory}).
 */
public final class Generator {
    private final Templates templates = new Templates();

    /**
     * {@code clusters/<cluster>/README.md} and {@code RUNBOOK.md} of {@code cluster}, from its
     * generated tree (read once for both): file name in the cluster folder to content.
     */
    public Map<String, String> clusterDocuments(LoadedConfig cluster, OutputTree tree) {
        ClusterObjects objects = ClusterObjects.of(cluster.config(), tree);
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("README.md", new ClusterReadme(templates).render(cluster, tree, objects));
        documents.put(
                "RUNBOOK.md",
                new io.neotool.gitops.layout.Runbook(templates).render(cluster, tree, objects));
        return documents;
    }

    /** {@code clusters/README.md}: the versions of every config, side by side. */
    public String versionsReadme(List<LoadedConfig> all) {
        return new ClusterReadme(templates).renderVersions(all);
    }

    /** The tree of one config, as for a fresh cluster. */
    public OutputTree generate(LoadedConfig loaded) {
        return generate(loaded, FluxShims.NONE);
    }

    /** The tree of one config, keeping {@code shims} of the tree it replaces. */
    public OutputTree generate(LoadedConfig loaded, FluxShims shims) {
        Context context = Wiring.context(loaded, templates);
        List<AppComponent> apps = loaded.config().apps().stream().map(AppComponent::new).toList();
        return new FluxLayout(context, shims).build(Components.all(), apps);
    }
}
