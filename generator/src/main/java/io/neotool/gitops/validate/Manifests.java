package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML documents of a manifest file. */
final class Manifests {
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final String KUSTOMIZE_API = "kustomize.config.k8s.io/";

    private Manifests() {}

    /** The objects of {@code text}; problems (syntax, non-objects) go to {@code problems}. */
    static List<Manifest> read(
            String file, @Nullable String text, List<ValidationProblem> problems) {
        List<Manifest> manifests = new ArrayList<>();
        ObjectReader reader = YAML.readerFor(JsonNode.class);
        try (var docs = reader.readValues(text)) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = (JsonNode) docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!(doc instanceof ObjectNode object)
                        || !doc.path("apiVersion").isString()
                        || !doc.path("kind").isString()) {
                    problems.add(
                            new ValidationProblem(
                                    file,
                                    ObjectRef.NONE,
                                    "",
                                    "document "
                                            + index
                                            + " is not a Kubernetes object (apiVersion and kind)"));
                    continue;
                }
                manifests.add(new Manifest(file, object));
            }
        } catch (JacksonException e) {
            problems.add(
                    new ValidationProblem(
                            file, ObjectRef.NONE, "", "not valid YAML: " + e.getOriginalMessage()));
        }
        return manifests;
    }

    static boolean isKustomizeFile(Manifest manifest) {
        return manifest.apiVersion().startsWith(KUSTOMIZE_API);
    }
}
