package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.config.EnvironmentConfig;
import java.util.List;
import java.util.Map;

/** One thing we deploy; it turns its part of the config into Kubernetes and Flux objects. */
public interface Component {

    /** Folder name inside the layer, and the name reviewers search for. */
    String name();

    Layer layer();

    /** Key path of the config section it comes from, for provenance ({@code infrastructure.vault}). */
    String configPath();

    boolean enabled(EnvironmentConfig config);

    /** The objects, in a stable order. */
    List<HasMetadata> objects(Context context);

    /** Non-object files of the component folder (none by default): file name to content. */
    default Map<String, String> files(Context context) {
        return Map.of();
    }
}
