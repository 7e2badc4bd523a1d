package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import java.util.List;

/** The namespace everything of NeoTool runs in. */
public final class NamespaceComponent implements Component {
    @Override
    public String name() {
        return "namespace";
    }

    @Override
    public Layer layer() {
        return Layer.CONTROLLERS;
    }

    @Override
    public String configPath() {
        return "namespace";
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return true;
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        return List.of(new NamespaceBuilder()
                .withNewMetadata()
                .withName(context.namespace())
                .addToLabels("app.kubernetes.io/part-of", "neotool")
                .endMetadata()
                .build());
    }
}
