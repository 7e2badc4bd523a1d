package io.neotool.gitops.validate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One Kubernetes object read from a file (one YAML document of it). */
public record Manifest(String file, ObjectNode object) {

    public String apiVersion() {
        return object.path("apiVersion").asString("");
    }

    public String kind() {
        return object.path("kind").asString("");
    }

    public String name() {
        return object.at("/metadata/name").asString("");
    }

    public String namespace() {
        return object.at("/metadata/namespace").asString("");
    }

    /** {@code group} of the apiVersion, {@code core} for the core group. */
    public String group() {
        String api = apiVersion();
        int slash = api.indexOf('/');
        return slash < 0 ? "core" : api.substring(0, slash);
    }

    public String version() {
        String api = apiVersion();
        return api.substring(api.indexOf('/') + 1);
    }

    /** {@code Kind namespace/name} as problems name it. */
    public ObjectRef id() {
        return new ObjectRef(kind(), namespace(), name());
    }

    /** The identity kustomize and the API server use: group, kind, namespace, name. */
    public String key() {
        return group() + "/" + kind() + "/" + namespace() + "/" + name();
    }

    public JsonNode at(String pointer) {
        return object.at(pointer);
    }

    public Manifest withObject(ObjectNode changed) {
        return new Manifest(file, changed);
    }
}
