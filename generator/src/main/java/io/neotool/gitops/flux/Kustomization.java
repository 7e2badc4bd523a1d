package io.neotool.gitops.flux;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
            @Nullable String interval,
            @Nullable String retryInterval,
            @Nullable String timeout,
            @Nullable String path,
            boolean prune,
            @com.fasterxml.jackson.annotation.JsonProperty("wait") boolean waitForReady,
            @Nullable CrossNamespaceRef sourceRef,
            @Nullable List<DependsOn> dependsOn) {

        public static SpecBuilder builder() {
            return new SpecBuilder();
        }
    }

    /**
     * Builds a {@link Spec} by field name; {@code prune} and {@code wait} are on unless turned off.
     */
    public static final class SpecBuilder {
        private @Nullable String interval;
        private @Nullable String retryInterval;
        private @Nullable String timeout;
        private @Nullable String path;
        private boolean prune = true;
        private boolean waitForReady = true;
        private @Nullable CrossNamespaceRef sourceRef;
        private @Nullable List<DependsOn> dependsOn;

        private SpecBuilder() {}

        public SpecBuilder interval(String interval) {
            this.interval = interval;
            return this;
        }

        public SpecBuilder retryInterval(String retryInterval) {
            this.retryInterval = retryInterval;
            return this;
        }

        public SpecBuilder timeout(String timeout) {
            this.timeout = timeout;
            return this;
        }

        public SpecBuilder path(String path) {
            this.path = path;
            return this;
        }

        public SpecBuilder prune(boolean prune) {
            this.prune = prune;
            return this;
        }

        public SpecBuilder waitForReady(boolean waitForReady) {
            this.waitForReady = waitForReady;
            return this;
        }

        /** The GitRepository the path is read from. */
        public SpecBuilder gitRepository(String name) {
            this.sourceRef = new CrossNamespaceRef("GitRepository", name, null);
            return this;
        }

        public SpecBuilder dependsOn(@Nullable List<DependsOn> dependsOn) {
            this.dependsOn = dependsOn;
            return this;
        }

        public Spec build() {
            return new Spec(
                    interval,
                    retryInterval,
                    timeout,
                    path,
                    prune,
                    waitForReady,
                    sourceRef,
                    dependsOn);
        }
    }
}
