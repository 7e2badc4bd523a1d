package io.neotool.gitops.flux;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

/** Flux {@code source.toolkit.fluxcd.io/v1} HelmRepository: an HTTPS chart index. */
@Group("source.toolkit.fluxcd.io")
@Version("v1")
@Kind("HelmRepository")
public class HelmRepository extends FluxResource<HelmRepository.Spec> {
    private static final long serialVersionUID = 1L;

    public HelmRepository(String name, String namespace, Spec spec) {
        super(name, namespace, spec);
    }

    public record Spec(String interval, String url) {}
}
