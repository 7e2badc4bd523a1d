package io.neotool.gitops.flux;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;

/**
 * Flux {@code helm.toolkit.fluxcd.io/v2} HelmRelease. Exactly one of {@code chart} and {@code
 * chartRef}.
 */
@Group("helm.toolkit.fluxcd.io")
@Version("v2")
@Kind("HelmRelease")
public class HelmRelease extends FluxResource<HelmRelease.Spec> {
    private static final long serialVersionUID = 1L;

    public HelmRelease(String name, String namespace, Spec spec) {
        super(name, namespace, spec);
    }

    public record Spec(
            String interval,
            String timeout,
            String releaseName,
            String targetNamespace,
            Chart chart,
            CrossNamespaceRef chartRef,
            Install install,
            Upgrade upgrade,
            DriftDetection driftDetection,
            List<FluxResource.DependsOn> dependsOn,
            Map<String, Object> values) {}

    public record Chart(ChartSpec spec) {}

    public record ChartSpec(
            String chart, String version, CrossNamespaceRef sourceRef, String interval) {}

    public record Install(String crds, Remediation remediation) {}

    public record Upgrade(String crds, Boolean cleanupOnFail, Remediation remediation) {}

    public record Remediation(Integer retries, Boolean remediateLastFailure) {}

    public record DriftDetection(String mode) {}
}
