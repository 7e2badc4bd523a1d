package io.neotool.gitops.flux;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * Flux {@code kustomize.toolkit.fluxcd.io/v1} Kustomization: applies one path of the Git source.
 */
@Group("kustomize.toolkit.fluxcd.io")
@Version("v1")
@Kind("Kustomization")
public class Kustomization extends FluxResource<Kustomization.Spec> {
    private static final long serialVersionUID = 1L;

    public Kustomization(String name, String namespace, Spec spec) {
        super(name, namespace, spec);
    }

    public record Spec(
            String interval,
            String retryInterval,
            String timeout,
            String path,
            boolean prune,
            @com.fasterxml.jackson.annotation.JsonProperty("wait") boolean waitForReady,
            CrossNamespaceRef sourceRef,
            List<DependsOn> dependsOn) {}
}
