package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * An object of an operator's custom resource kind (CloudNativePG's, Strimzi's) in the NeoTool
 * namespace: its namespace written out (the kind is unknown to kustomize's and the validator's
 * namespace handling), its labels, its spec.
 */
public final class CustomResources {
    private CustomResources() {}

    public static GenericKubernetesResource of(
            Context context,
            String apiVersion,
            String kind,
            String name,
            Map<String, String> labels,
            Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withNamespace(context.namespace())
                .withLabels(new TreeMap<>(labels))
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
