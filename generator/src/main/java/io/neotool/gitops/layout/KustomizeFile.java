package io.neotool.gitops.layout;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code kustomization.yaml} (kustomize.config.k8s.io/v1beta1): what Flux's kustomize build reads
 * in each folder. Empty parts are left out of the YAML.
 */
public record KustomizeFile(
        String apiVersion,
        String kind,
        @Nullable String namespace,
        List<String> resources,
        @Nullable List<Map<String, Object>> images,
        @Nullable List<Map<String, Object>> replicas,
        @Nullable List<Map<String, Object>> patches) {

    public static KustomizeFile of(List<String> resources) {
        return new KustomizeFile(
                "kustomize.config.k8s.io/v1beta1",
                "Kustomization",
                null,
                resources.stream().sorted().toList(),
                null,
                null,
                null);
    }

    public static KustomizeFile overlay(
            @Nullable String namespace,
            List<String> resources,
            List<Map<String, Object>> images,
            List<Map<String, Object>> replicas,
            List<Map<String, Object>> patches) {
        return new KustomizeFile(
                "kustomize.config.k8s.io/v1beta1",
                "Kustomization",
                namespace,
                resources.stream().sorted().toList(),
                images.isEmpty() ? null : images,
                replicas.isEmpty() ? null : replicas,
                patches.isEmpty() ? null : patches);
    }
}
