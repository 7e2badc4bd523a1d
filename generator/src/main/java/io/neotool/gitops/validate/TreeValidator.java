package io.neotool.gitops.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a manifest tree the way the cluster would, before it gets there: every object against the
 * JSON Schema of its kind (strict: unknown fields fail); per cluster, the Flux graph (paths,
 * kustomization.yaml contents, sources, dependsOn, namespaces created upstream, pinned charts); and
 * the objects themselves (names, duplicates, selectors, ports, resources, probes, images, storage
 * class, hosts). Pure: it reads the files it is given.
 */
public final class TreeValidator {
    static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    static final Pattern EXACT_VERSION =
            Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");
    static final String FLUX_KUSTOMIZATION = "kustomize.toolkit.fluxcd.io";
    static final String PROBES_EXEMPT = "neotool.io/probes-exempt";

    /** Namespaces that exist before Flux applies anything. */
    static final Set<String> PREEXISTING_NAMESPACES =
            Set.of("flux-system", "kube-system", "kube-public", "default");

    /** Annotation on every generated object: the config file and key path it comes from. */
    public static final String SOURCE_ANNOTATION =
            io.neotool.gitops.output.OutputTree.SOURCE_ANNOTATION;

    private final @Nullable SchemaCatalog catalog;
    private final Map<String, ClusterRules> rules;
    private final java.util.function.Function<String, String> locator;

    /**
     * @param catalog the schemas, or null to skip schema checks (the caller says so)
     * @param rules per cluster name
     */
    public TreeValidator(@Nullable SchemaCatalog catalog, Map<String, ClusterRules> rules) {
        this(catalog, rules, source -> "");
    }

    /**
     * @param locator turns a {@value #SOURCE_ANNOTATION} value into a config location ({@code
     *     config/production.yaml:33:5}), or "" when unknown
     */
    public TreeValidator(
            @Nullable SchemaCatalog catalog,
            Map<String, ClusterRules> rules,
            java.util.function.Function<String, String> locator) {
        this.catalog = catalog;
        this.rules = Map.copyOf(rules);
        this.locator = locator;
    }

    /** What was checked, for the summary line. */
    public record Report(
            List<ValidationProblem> problems,
            int files,
            int objects,
            int schemaChecked,
            Set<String> clusters) {}

    /**
     * Checks {@code files} (relative path to text) and returns every problem found: the problems of
     * each file on its own in file order, then those of each cluster.
     */
    public Report validate(SortedMap<String, String> files) {
        return validate(TreeFiles.of(files));
    }

    /** Checks the files of a tree, each read when a check needs it. */
    public Report validate(TreeFiles files) {
        Set<String> skip = new HashSet<>();
        rules.values().forEach(r -> skip.addAll(r.skipSchemaFor()));
        Documents.FileChecks checks = (file, text) -> check(file, text, skip);
        Documents documents =
                new Documents(
                        files,
                        catalog == null
                                ? (file, text) -> CheckedFiles.check(file, text, checks)
                                : checks);
        Set<String> clusters = new TreeSet<>();
        for (String path : files.paths()) {
            String[] parts = path.split("/", -1);
            if (parts.length >= 3 && parts[0].equals("clusters")) {
                clusters.add(parts[1]);
            }
        }
        List<ValidationProblem> clusterProblems = new ArrayList<>();
        for (String cluster : clusters) {
            new ClusterCheck(cluster, documents, rules.get(cluster), clusterProblems).run();
        }
        documents.finish();
        List<ValidationProblem> problems = documents.problems();
        problems.addAll(clusterProblems);
        return new Report(
                located(problems, files),
                documents.yamlFiles(),
                documents.objects(),
                documents.schemaChecked(),
                clusters);
    }

    /** One file on its own: secrets in its text and objects, and each object against its schema. */
    private Documents.Outcome check(String file, String text, Set<String> skip) {
        List<ValidationProblem> problems = new ArrayList<>();
        SecretScanner.scanText(file, text, problems);
        if (!file.endsWith(".yaml")) {
            return new Documents.Outcome(null, problems, 0, 0);
        }
        List<Manifest> documents = Manifests.read(file, text, problems);
        int objects = 0;
        int checked = 0;
        for (Manifest m : documents) {
            if (!Manifests.isKustomizeFile(m)) {
                objects++;
                SecretScanner.scanObject(m, text, problems);
                checked += schema(m, skip, problems) ? 1 : 0;
            }
        }
        return new Documents.Outcome(documents, problems, objects, checked);
    }

    /**
     * Each problem once, with the config location of its object where the object names one (the
     * files with problems are read again for it: the objects are not kept).
     */
    private List<ValidationProblem> located(List<ValidationProblem> problems, TreeFiles files) {
        Map<String, String> sources = new HashMap<>();
        problems.stream()
                .map(ValidationProblem::file)
                .distinct()
                .filter(f -> f.endsWith(".yaml") && files.contains(f))
                .forEach(
                        f -> {
                            for (Manifest m : Manifests.read(f, files.text(f), new ArrayList<>())) {
                                String source =
                                        m.at("/metadata/annotations")
                                                .path(SOURCE_ANNOTATION)
                                                .asString("");
                                if (!source.isEmpty()) {
                                    sources.put(f + "|" + m.kind() + "|" + m.name(), source);
                                }
                            }
                        });
        List<ValidationProblem> out = new ArrayList<>();
        for (ValidationProblem p : problems.stream().distinct().toList()) {
            String source =
                    sources.get(p.file() + "|" + p.object().kind() + "|" + p.object().name());
            out.add(source == null ? p : p.withSource(locator.apply(source)));
        }
        return out;
    }

    private boolean schema(Manifest m, Set<String> skip, List<ValidationProblem> problems) {
        SchemaCatalog catalog = this.catalog;
        if (catalog == null) {
            return false;
        }
        Optional<Schema> schema = catalog.schema(m.group(), m.kind(), m.version());
        if (schema.isEmpty()) {
            String gvk = m.apiVersion() + "/" + m.kind();
            if (!skip.contains(gvk)) {
                problems.add(
                        new ValidationProblem(
                                m.file(),
                                m.id(),
                                "",
                                "no schema for "
                                        + gvk
                                        + " in the catalog ("
                                        + SchemaCatalog.file(m.group(), m.kind(), m.version())
                                        + "); list it under validation.skipSchemaFor to accept that"));
            }
            return false;
        }
        for (Error error : schema.get().validate(m.object())) {
            String location = error.getInstanceLocation().toString();
            String pointer =
                    location.isEmpty() || location.equals("$")
                            ? "/"
                            : location.startsWith("/")
                                    ? location
                                    : "/"
                                            + location.replaceFirst("^\\$\\.?", "")
                                                    .replaceAll("\\[(\\d+)]", ".$1")
                                                    .replace('.', '/');
            String message = error.getMessage().replaceFirst("^\\$[^:]*: ", "");
            problems.add(
                    new ValidationProblem(
                            m.file(),
                            m.id(),
                            pointer,
                            "schema " + m.apiVersion() + "/" + m.kind() + ": " + message));
        }
        return true;
    }
}
