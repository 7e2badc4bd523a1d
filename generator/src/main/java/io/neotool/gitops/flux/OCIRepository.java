package io.neotool.gitops.flux;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Flux {@code source.toolkit.fluxcd.io/v1} OCIRepository, here for Helm charts published as OCI
 * artifacts.
 */
@Group("source.toolkit.fluxcd.io")
@Version("v1")
@Kind("OCIRepository")
public class OCIRepository extends FluxResource<OCIRepository.Spec> {
    private static final long serialVersionUID = 1L;

    public static final String HELM_CHART_MEDIA_TYPE =
            "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    public OCIRepository(String name, String namespace, Spec spec) {
        super(name, namespace, spec);
    }

    public record Spec(String interval, String url, Ref ref, LayerSelector layerSelector) {}

    public record Ref(String tag) {}

    public record LayerSelector(String mediaType, String operation) {}
}
