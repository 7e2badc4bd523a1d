package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The files of a tree, parsed when a check needs them and not kept: each cluster check asks for the
 * files of one Flux path at a time and drops their objects once it has taken its facts, so the
 * validator's memory follows the largest path, not the tree. The checks of a file on its own
 * (secrets, schemas) run the first time it is parsed, in parallel with the other files of the
 * batch; a file no path reaches gets them at the end ({@link #finish}). Only the kustomization
 * files, small and read by every build, stay parsed.
 */
final class Documents {
    /** The checks of one file on its own: its documents, its problems and what it counted. */
    interface FileChecks {
        Outcome check(String file, String text);
    }

    /** What one file yielded. {@code documents} is null when the file is not YAML. */
    record Outcome(
            @Nullable List<Manifest> documents,
            List<ValidationProblem> problems,
            int objects,
            int schemaChecked) {}

    private final TreeFiles files;
    private final FileChecks checks;
    // concurrent: a build parses its next chunk in the background while it reads the current one
    private final Map<String, Outcome> checked = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<Manifest>> kustomizations =
            new java.util.concurrent.ConcurrentHashMap<>();

    Documents(TreeFiles files, FileChecks checks) {
        this.files = files;
        this.checks = checks;
    }

    TreeFiles files() {
        return files;
    }

    /** The documents of a kustomization file (kept: every build reads them). */
    List<Manifest> kustomization(String file) {
        List<Manifest> docs = kustomizations.get(file);
        if (docs == null) {
            docs = load(List.of(file)).getOrDefault(file, List.of());
            kustomizations.put(file, docs);
        }
        return docs;
    }

    /**
     * Parses the kustomization files of {@code folders} not read yet, in parallel, and keeps them.
     */
    void preloadKustomizations(Collection<String> folders) {
        List<String> wanted =
                folders.stream()
                        .map(f -> f + "/" + KustomizeResolver.KUSTOMIZATION)
                        .filter(f -> files.contains(f) && !kustomizations.containsKey(f))
                        .toList();
        load(wanted).forEach(kustomizations::put);
    }

    /** The documents of {@code wanted} (files of the tree), parsed in parallel, not kept. */
    Map<String, List<Manifest>> load(Collection<String> wanted) {
        record Parsed(String file, Outcome outcome, boolean first) {}
        List<Parsed> parsed =
                wanted.parallelStream()
                        .filter(files::contains)
                        .map(
                                f -> {
                                    boolean first = !checked.containsKey(f);
                                    String text = java.util.Objects.requireNonNull(files.text(f));
                                    Outcome outcome =
                                            first
                                                    ? checks.check(f, text)
                                                    : new Outcome(
                                                            Manifests.read(
                                                                    f, text, new ArrayList<>()),
                                                            List.of(),
                                                            0,
                                                            0);
                                    return new Parsed(f, outcome, first);
                                })
                        .toList();
        Map<String, List<Manifest>> out = new HashMap<>();
        for (Parsed p : parsed) {
            if (p.first()) {
                checked.putIfAbsent(p.file(), withoutDocuments(p.outcome()));
            }
            List<Manifest> docs = p.outcome().documents();
            out.put(p.file(), docs == null ? List.of() : docs);
        }
        return out;
    }

    /** Checks every file no cluster check has read; their objects are dropped as they go. */
    void finish() {
        List<String> rest = files.paths().stream().filter(f -> !checked.containsKey(f)).toList();
        record Done(String file, Outcome outcome) {}
        rest.parallelStream()
                .map(
                        f ->
                                new Done(
                                        f,
                                        withoutDocuments(
                                                checks.check(
                                                        f,
                                                        java.util.Objects.requireNonNull(
                                                                files.text(f))))))
                .toList()
                .forEach(d -> checked.put(d.file(), d.outcome()));
    }

    /** The problems of the files on their own, in file order. */
    List<ValidationProblem> problems() {
        List<ValidationProblem> problems = new ArrayList<>();
        new TreeMap<>(checked).values().forEach(o -> problems.addAll(o.problems()));
        return problems;
    }

    int yamlFiles() {
        return (int) checked.values().stream().filter(o -> o.documents() != null).count();
    }

    int objects() {
        return checked.values().stream().mapToInt(Outcome::objects).sum();
    }

    int schemaChecked() {
        return checked.values().stream().mapToInt(Outcome::schemaChecked).sum();
    }

    /** The outcome without its objects; a YAML file keeps an empty list to say it was YAML. */
    private static Outcome withoutDocuments(Outcome o) {
        return new Outcome(
                o.documents() == null ? null : List.of(),
                o.problems(),
                o.objects(),
                o.schemaChecked());
    }
}
