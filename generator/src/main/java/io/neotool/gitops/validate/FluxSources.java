package io.neotool.gitops.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Flux sources of one cluster: each reference names a source of the right kind that the tree
 * creates, and each HelmRelease pins its chart version and waits only for releases that exist.
 */
final class FluxSources {
    private final String cluster;
    private final List<ValidationProblem> problems;

    FluxSources(String cluster, List<ValidationProblem> problems) {
        this.cluster = cluster;
        this.problems = problems;
    }

    void helmRelease(Manifest m, Map<String, Manifest> sources, Set<String> upstream) {
        String namespace = m.at("/spec/targetNamespace").asString(m.namespace());
        if (!TreeValidator.PREEXISTING_NAMESPACES.contains(namespace)
                && !upstream.contains(namespace)) {
            problems.add(
                    new ValidationProblem(
                            m.file(),
                            m.id(),
                            m.at("/spec/targetNamespace").isMissingNode()
                                    ? "/metadata/namespace"
                                    : "/spec/targetNamespace",
                            "namespace '"
                                    + namespace
                                    + "' is not created by this Kustomization or one it depends on"));
        }
        JsonNode chart = m.at("/spec/chart/spec");
        JsonNode chartRef = m.at("/spec/chartRef");
        if (!chart.isMissingNode() == !chartRef.isMissingNode()) {
            problems.add(
                    new ValidationProblem(
                            m.file(),
                            m.id(),
                            "/spec",
                            "expected exactly one of chart and chartRef"));
        }
        if (!chart.isMissingNode()) {
            sourceRef(
                    m,
                    chart.path("sourceRef"),
                    "/spec/chart/spec/sourceRef",
                    "HelmRepository",
                    sources);
            String version = chart.path("version").asString("");
            if (!TreeValidator.EXACT_VERSION.matcher(version).matches()) {
                problems.add(
                        new ValidationProblem(
                                m.file(),
                                m.id(),
                                "/spec/chart/spec/version",
                                "expected a pinned chart version such as 1.2.3, got '"
                                        + version
                                        + "'"));
            }
        }
        if (!chartRef.isMissingNode()) {
            Manifest source = sourceRef(m, chartRef, "/spec/chartRef", "OCIRepository", sources);
            if (source != null && source.kind().equals("OCIRepository")) {
                String tag = source.at("/spec/ref/tag").asString("");
                boolean digest = source.at("/spec/ref/digest").isString();
                if (!digest && !TreeValidator.EXACT_VERSION.matcher(tag).matches()) {
                    problems.add(
                            new ValidationProblem(
                                    source.file(),
                                    source.id(),
                                    "/spec/ref",
                                    "expected a pinned tag or a digest, got '" + tag + "'"));
                }
            }
        }
    }

    /** Resolves a source reference; reports it when it points nowhere. */
    @Nullable Manifest sourceRef(
            Manifest from,
            JsonNode ref,
            String pointer,
            String defaultKind,
            Map<String, Manifest> sources) {
        if (ref.isMissingNode()) {
            problems.add(
                    new ValidationProblem(
                            from.file(), from.id(), pointer, "expected a source reference"));
            return null;
        }
        String kind = ref.path("kind").asString(defaultKind);
        String namespace = ref.path("namespace").asString(from.namespace());
        String name = ref.path("name").asString("");
        if (kind.equals("GitRepository")
                && namespace.equals("flux-system")
                && name.equals("flux-system")) {
            return from; // created by flux bootstrap in clusters/<cluster>/flux-system/
        }
        Manifest source = sources.get(kind + "/" + namespace + "/" + name);
        if (source == null) {
            problems.add(
                    new ValidationProblem(
                            from.file(),
                            from.id(),
                            pointer,
                            "expected a "
                                    + kind
                                    + " defined in the tree of cluster '"
                                    + cluster
                                    + "', got "
                                    + kind
                                    + " "
                                    + namespace
                                    + "/"
                                    + name
                                    + ", which is not"));
        }
        return source;
    }
}
