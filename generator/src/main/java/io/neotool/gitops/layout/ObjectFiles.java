package io.neotool.gitops.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.neotool.gitops.config.Source;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.render.CanonicalYaml;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes generated objects into the tree: one file per object, named by kind (and namespace when
 * not the config's), each marked with the managed-by label and the provenance annotation.
 */
final class ObjectFiles {
    private final Context context;
    private final OutputTree tree;

    ObjectFiles(Context context, OutputTree tree) {
        this.context = context;
        this.tree = tree;
    }

    /**
     * Renders one object into {@code folder}; returns its file name: {@code <kind>-<name>.yaml}, or
     * {@code <kind>-<namespace>-<name>.yaml} for an object of another namespace than the config's.
     */
    String add(
            String folder,
            HasMetadata object,
            boolean setNamespace,
            String fileOwner,
            Source source) {
        if (setNamespace
                && object instanceof Namespaced
                && object.getMetadata().getNamespace() == null) {
            object.getMetadata().setNamespace(context.namespace());
        }
        String namespace = object.getMetadata().getNamespace();
        String other =
                namespace == null || namespace.equals(context.namespace()) ? "" : namespace + "-";
        String name =
                object.getKind().toLowerCase(Locale.ROOT)
                        + "-"
                        + other
                        + object.getMetadata().getName()
                        + ".yaml";
        tree.add(folder + "/" + name, fileOwner, CanonicalYaml.write(marked(object, source)));
        return name;
    }

    /**
     * Where a reviewer finds the setting: {@code config/production.yaml} and {@code
     * infrastructure.postgres}.
     */
    static Source source(String config, String keyPath) {
        return new Source(config, keyPath);
    }

    /** The app bases come from every config; the annotation names the folder's configs. */
    String sharedSource() {
        String source = context.loaded().source();
        return source.substring(0, source.lastIndexOf('/') + 1) + "*.yaml";
    }

    /**
     * The enrichment every generated object gets: the managed-by label and the provenance
     * annotation.
     */
    static HasMetadata marked(HasMetadata object, Source source) {
        Map<String, String> labels = new TreeMap<>();
        if (object.getMetadata().getLabels() != null) {
            labels.putAll(object.getMetadata().getLabels());
        }
        labels.put(FluxLayout.MANAGED_BY, FluxLayout.MANAGER);
        object.getMetadata().setLabels(labels);
        Map<String, String> annotations = new TreeMap<>();
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        annotations.put(OutputTree.SOURCE_ANNOTATION, source.annotation());
        object.getMetadata().setAnnotations(annotations);
        return object;
    }
}
