package io.neotool.gitops.diff;

import tools.jackson.databind.JsonNode;

/** How the review names what it shows: an object by kind and name, a file by its cluster. */
final class DiffPaths {
    private DiffPaths() {}

    /** {@code Kind namespace/name}, or {@code kustomization <folder>} for kustomize's own files. */
    static String name(String path, JsonNode doc) {
        if (doc.path("apiVersion").asString("").startsWith("kustomize.config.k8s.io/")) {
            return "kustomization " + path.substring(0, path.lastIndexOf('/'));
        }
        String namespace = doc.at("/metadata/namespace").asString("");
        return doc.path("kind").asString("")
                + " "
                + (namespace.isEmpty() ? "" : namespace + "/")
                + doc.at("/metadata/name").asString("");
    }

    /** The cluster a file belongs to: its folder under clusters/, infrastructure/ or apps/. */
    static String cluster(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length > 2 && parts[0].equals("apps") && parts[1].equals("base")) {
            return "all environments (apps/base)";
        }
        return parts.length > 2 ? parts[1] : parts[0];
    }
}
