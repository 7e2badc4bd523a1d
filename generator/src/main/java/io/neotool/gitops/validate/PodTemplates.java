package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Where pod templates and containers sit in the workload kinds. */
final class PodTemplates {
    private PodTemplates() {}

    /** The pod template of a workload, or a missing node. */
    static JsonNode podTemplate(JsonNode object) {
        return switch (object.path("kind").asString("")) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                    object.at("/spec/template");
            case "CronJob" -> object.at("/spec/jobTemplate/spec/template");
            default -> tools.jackson.databind.node.MissingNode.getInstance();
        };
    }

    /** Pointer of the pod spec inside the object, for messages. */
    static String podSpecPointer(JsonNode object) {
        return object.path("kind").asString("").equals("CronJob")
                ? "/spec/jobTemplate/spec/template/spec"
                : "/spec/template/spec";
    }

    static List<ObjectNode> containers(JsonNode object) {
        List<ObjectNode> containers = new ArrayList<>();
        JsonNode spec = podTemplate(object).path("spec");
        for (String field : List.of("initContainers", "containers")) {
            spec.path(field)
                    .forEach(
                            c -> {
                                if (c instanceof ObjectNode o) {
                                    containers.add(o);
                                }
                            });
        }
        return containers;
    }

    /** {@code ghcr.io/a/b:1.2} → {@code ghcr.io/a/b} (a registry port is not a tag). */
    static String repository(String image) {
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    static @Nullable String tag(String image) {
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(colon + 1) : null;
    }
}
