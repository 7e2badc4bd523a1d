package io.neotool.gitops.flux;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
            @Nullable String interval,
            @Nullable String timeout,
            @Nullable String releaseName,
            @Nullable String targetNamespace,
            @Nullable Chart chart,
            @Nullable CrossNamespaceRef chartRef,
            @Nullable Install install,
            @Nullable Upgrade upgrade,
            @Nullable DriftDetection driftDetection,
            @Nullable List<FluxResource.DependsOn> dependsOn,
            @Nullable Map<String, Object> values) {

        /** A spec field by field; unset fields are left out of the object. */
        public static SpecBuilder builder() {
            return new SpecBuilder();
        }
    }

    /** Builds a {@link Spec} by field name, so that no call site passes ten values by position. */
    public static final class SpecBuilder {
        private @Nullable String interval;
        private @Nullable String timeout;
        private @Nullable String releaseName;
        private @Nullable String targetNamespace;
        private @Nullable Chart chart;
        private @Nullable CrossNamespaceRef chartRef;
        private @Nullable Install install;
        private @Nullable Upgrade upgrade;
        private @Nullable DriftDetection driftDetection;
        private @Nullable List<FluxResource.DependsOn> dependsOn;
        private @Nullable Map<String, Object> values;

        private SpecBuilder() {}

        public SpecBuilder interval(String interval) {
            this.interval = interval;
            return this;
        }

        public SpecBuilder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        public SpecBuilder releaseName(String releaseName) {
            this.releaseName = releaseName;
            return this;
        }

        public SpecBuilder targetNamespace(@Nullable String targetNamespace) {
            this.targetNamespace = targetNamespace;
            return this;
        }

        /** The chart from a HelmRepository; exclusive with {@link #chartRef}. */
        public SpecBuilder chart(String name, String version, String repository, String interval) {
            this.chart =
                    new Chart(
                            new ChartSpec(
                                    name,
                                    version,
                                    new CrossNamespaceRef("HelmRepository", repository, null),
                                    interval));
            return this;
        }

        /** The chart an OCIRepository holds; exclusive with {@link #chart}. */
        public SpecBuilder chartRef(String ociRepository) {
            this.chartRef = new CrossNamespaceRef("OCIRepository", ociRepository, null);
            return this;
        }

        public SpecBuilder install(Install install) {
            this.install = install;
            return this;
        }

        public SpecBuilder upgrade(Upgrade upgrade) {
            this.upgrade = upgrade;
            return this;
        }

        public SpecBuilder driftDetection(String mode) {
            this.driftDetection = new DriftDetection(mode);
            return this;
        }

        public SpecBuilder dependsOn(@Nullable List<FluxResource.DependsOn> dependsOn) {
            this.dependsOn =
                    dependsOn == null || dependsOn.isEmpty() ? null : List.copyOf(dependsOn);
            return this;
        }

        public SpecBuilder values(Map<String, Object> values) {
            this.values = values;
            return this;
        }

        public Spec build() {
            if ((chart == null) == (chartRef == null)) {
                throw new IllegalStateException(
                        "a HelmRelease names exactly one of chart and chartRef");
            }
            return new Spec(
                    interval,
                    timeout,
                    releaseName,
                    targetNamespace,
                    chart,
                    chartRef,
                    install,
                    upgrade,
                    driftDetection,
                    dependsOn,
                    values);
        }
    }

    public record Chart(ChartSpec spec) {}

    public record ChartSpec(
            String chart, String version, CrossNamespaceRef sourceRef, String interval) {}

    public record Install(String crds, Remediation remediation) {}

    public record Upgrade(String crds, Boolean cleanupOnFail, Remediation remediation) {}

    public record Remediation(Integer retries, @Nullable Boolean remediateLastFailure) {}

    public record DriftDetection(String mode) {}
}
