package io.neotool.gitops.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The object files one kustomize build reads, in the order it reads them, parsed in parallel chunks
 * of {@value #CHUNK} just before the build needs them and dropped once it has read them: a build
 * holds one chunk of parsed files, not its whole folder.
 */
final class BuildReads {
    /** Files parsed together, in parallel, before the build reads them. */
    static final int CHUNK = 256;

    private final Documents documents;

    /** The files the build reads, in the order it reads them, and each one's place. */
    private final List<String> order;

    private final Map<String, Integer> position = new HashMap<>();

    /** The parsed files of the current chunk that the build has not read yet. */
    private Map<String, List<Manifest>> batch = new HashMap<>();

    /** The chunk after the current one, parsed in the background while the build reads. */
    private @Nullable CompletableFuture<Map<String, List<Manifest>>> next;

    private int nextAt = -1;

    BuildReads(Documents documents, List<String> order) {
        this.documents = documents;
        this.order = order;
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
    }

    /**
     * What a build of {@code folder} will read: its kustomization files read first (level by level,
     * in parallel), then the object files listed, in the build's order.
     */
    static BuildReads of(Documents documents, String folder) {
        preload(documents, documents.files(), folder);
        Set<String> read = new LinkedHashSet<>();
        collect(documents, documents.files(), folder, new HashSet<>(), read);
        return new BuildReads(documents, new ArrayList<>(read));
    }

    /**
     * Reads the kustomization files of the folders a build of {@code folder} reaches, one level at
     * a time, each level in parallel (a shard lists a hundred app folders).
     */
    private static void preload(Documents documents, TreeFiles files, String folder) {
        Set<String> seen = new HashSet<>();
        List<String> level = List.of(folder);
        while (!level.isEmpty()) {
            documents.preloadKustomizations(level);
            List<String> next = new ArrayList<>();
            for (String f : level) {
                if (!seen.add(f)) {
                    continue;
                }
                List<Manifest> docs =
                        documents.kustomization(f + "/" + KustomizeResolver.KUSTOMIZATION);
                if (docs.size() == 1) {
                    for (JsonNode entry : docs.get(0).object().path("resources")) {
                        String target = KustomizeResolver.resolve(f, entry.asString());
                        if (!files.contains(target) && files.isFolder(target)) {
                            next.add(target);
                        }
                    }
                }
            }
            level = next;
        }
    }

    /** The object files a build of {@code folder} reads; problems are the build's to report. */
    private static void collect(
            Documents documents,
            TreeFiles files,
            String folder,
            Set<String> visiting,
            Set<String> read) {
        String file = folder + "/" + KustomizeResolver.KUSTOMIZATION;
        if (!visiting.add(folder) || !files.contains(file)) {
            return;
        }
        List<Manifest> docs = documents.kustomization(file);
        if (docs.size() != 1) {
            return;
        }
        for (JsonNode entry : docs.get(0).object().path("resources")) {
            String target = KustomizeResolver.resolve(folder, entry.asString());
            if (files.contains(target)) {
                read.add(target);
            } else if (files.isFolder(target)) {
                collect(documents, files, target, visiting, read);
            }
        }
    }

    /** The documents of a file the build reads: from the current chunk, or the next one. */
    List<Manifest> read(String file) {
        List<Manifest> docs = batch.remove(file);
        if (docs != null) {
            return docs;
        }
        Integer at = position.get(file);
        if (at == null) {
            return documents.load(List.of(file)).getOrDefault(file, List.of());
        }
        CompletableFuture<Map<String, List<Manifest>>> ready = next;
        batch = new HashMap<>(ready != null && nextAt == at ? ready.join() : chunk(at));
        int following = at + CHUNK;
        nextAt = following;
        next =
                following < order.size()
                        ? CompletableFuture.supplyAsync(() -> chunk(following))
                        : null;
        docs = batch.remove(file);
        return docs == null ? List.of() : docs;
    }

    /** Waits for a chunk still being parsed (its files' own checks are recorded on the way). */
    void close() {
        CompletableFuture<Map<String, List<Manifest>>> pending = next;
        if (pending != null) {
            pending.join();
            next = null;
        }
    }

    private Map<String, List<Manifest>> chunk(int at) {
        return documents.load(order.subList(at, Math.min(at + CHUNK, order.size())));
    }
}
