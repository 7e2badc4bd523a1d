package io.neotool.gitops.flux;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import org.jspecify.annotations.Nullable;

/**
 * Base of the Flux custom resources we generate. Specs are immutable records; the status is never
 * written (Flux owns it). Group, version and kind come from the subclass annotations.
 */
public abstract class FluxResource<S> extends CustomResource<S, Void> implements Namespaced {
    private static final long serialVersionUID = 1L;

    protected FluxResource(String name, String namespace, S spec) {
        setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        this.spec = spec;
    }

    @Override
    protected @Nullable S initSpec() {
        return null;
    }

    @Override
    protected Void initStatus() {
        return null;
    }

    @Override
    @JsonIgnore
    public Void getStatus() {
        return null;
    }

    /** A reference to another object by kind and name, as Flux writes it. */
    public record CrossNamespaceRef(String kind, String name, @Nullable String namespace) {}

    /** A dependency on another object of the same kind ({@code dependsOn}). */
    public record DependsOn(String name, @Nullable String namespace) {}
}
