package io.neotool.gitops.layout;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Flux Kustomizations an upgrade must keep for one revision as shims. When a tree renames its
 * Flux Kustomizations (the layer and shard ones of earlier trees became one per component and per
 * app), flux-system deletes each old one as it creates the new ones; a deleted Kustomization that
 * prunes garbage-collects what it applied, and whether the new one has taken an object over by then
 * is a race. A shim keeps the old name with {@code prune: false} and a path that builds nothing, so
 * its deletion later collects nothing. Shims come only from the tree on disk: a fresh cluster's
 * tree has none.
 */
public final class FluxShims {
    /** The folder a shim applies, which holds nothing: {@code infrastructure/<cluster>/moved}. */
    public static String folder(String cluster) {
        return "infrastructure/" + cluster + "/moved";
    }

    /** The annotation that marks a shim, with when it can go. */
    public static final String ANNOTATION = "neotool.io/shim";

    /** The system property that drops every shim once the cluster has applied them. */
    public static final String DROP = "neotool.dropShims";

    /** The shim's annotation: when it can go. */
    static final String WHEN =
            "after Flux has applied this revision: ./mvnw neotool:generate -D" + DROP + "=true";

    /** The comment at the top of a shim's file. */
    static String comment(String name) {
        return "# Upgrade shim: "
                + name
                + " applied objects that now belong to the Kustomizations named after them.\n"
                + "# It applies nothing and prunes nothing, so that deleting it later deletes nothing.\n"
                + "# It can go once Flux has applied this revision (flux get kustomizations: every one\n"
                + "# Ready at it): ./mvnw neotool:generate -D"
                + DROP
                + "=true, then commit.\n";
    }

    /**
     * A Flux Kustomization of the tree on disk.
     *
     * @param shim whether it is a shim already (kept until dropped)
     * @param prune whether its deletion prunes
     * @param files the files of the tree its path applied
     */
    public record Previous(boolean shim, boolean prune, Set<String> files) {}

    /** No tree on disk: nothing to keep. */
    public static final FluxShims NONE = new FluxShims(Map.of(), false);

    private final Map<String, Previous> previous;
    private final boolean drop;

    /**
     * @param previous each Flux Kustomization of the cluster's tree on disk, by name
     * @param drop whether the shims go now
     */
    public FluxShims(Map<String, Previous> previous, boolean drop) {
        this.previous = Map.copyOf(previous);
        this.drop = drop;
    }

    /**
     * The old names to keep as shims: a shim until dropped, and each name the new tree lacks whose
     * deletion would prune files the new tree still has (they moved; what was removed is pruned).
     */
    SortedSet<String> retiring(Set<String> current, Set<String> files) {
        SortedSet<String> shims = new TreeSet<>();
        if (!drop) {
            previous.forEach(
                    (name, was) -> {
                        boolean moved =
                                was.prune() && was.files().stream().anyMatch(files::contains);
                        if (!current.contains(name)
                                && !name.equals("flux-system")
                                && (was.shim() || moved)) {
                            shims.add(name);
                        }
                    });
        }
        return shims;
    }
}
