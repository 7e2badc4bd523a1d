package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What Flux will do on the merge, object by object as it applies them: each Flux Kustomization's
 * path built before and after (cluster → Kustomization → object key → final object); an object no
 * path builds any more is pruned by the Kustomization that applied it, and with that Kustomization
 * when it is deleted too (its inventory goes with it).
 */
public final class FluxPlan {
    private FluxPlan() {}

    /**
     * One object Flux creates, updates or prunes.
     *
     * @param kustomizationDeleted the Kustomization is deleted too: it prunes its objects as it
     *     goes
     */
    public record Step(
            String cluster,
            String kustomization,
            String object,
            ObjectDiff.Status status,
            boolean kustomizationDeleted) {}

    public static List<Step> of(
            SortedMap<String, SortedMap<String, SortedMap<String, JsonNode>>> before,
            SortedMap<String, SortedMap<String, SortedMap<String, JsonNode>>> after) {
        List<Step> steps = new ArrayList<>();
        TreeSet<String> clusters = new TreeSet<>(before.keySet());
        clusters.addAll(after.keySet());
        for (String cluster : clusters) {
            SortedMap<String, SortedMap<String, JsonNode>> was =
                    before.getOrDefault(cluster, new TreeMap<>());
            SortedMap<String, SortedMap<String, JsonNode>> is =
                    after.getOrDefault(cluster, new TreeMap<>());
            SortedMap<String, Owner> ownerBefore = owners(was);
            SortedMap<String, Owner> ownerAfter = owners(is);
            for (Map.Entry<String, Owner> o : ownerBefore.entrySet()) {
                String object = o.getKey();
                Owner old = o.getValue();
                Owner now = ownerAfter.get(object);
                if (now == null) {
                    steps.add(
                            new Step(
                                    cluster,
                                    old.kustomization(),
                                    object,
                                    ObjectDiff.Status.REMOVED,
                                    !is.containsKey(old.kustomization())));
                } else if (!old.equals(now)) {
                    steps.add(
                            new Step(
                                    cluster,
                                    now.kustomization(),
                                    object,
                                    ObjectDiff.Status.CHANGED,
                                    false));
                }
            }
            for (Map.Entry<String, Owner> o : ownerAfter.entrySet()) {
                if (!ownerBefore.containsKey(o.getKey())) {
                    steps.add(
                            new Step(
                                    cluster,
                                    o.getValue().kustomization(),
                                    o.getKey(),
                                    ObjectDiff.Status.ADDED,
                                    false));
                }
            }
        }
        // per cluster: deletions first (what a reviewer must not miss), then creations, updates
        steps.sort(
                java.util.Comparator.comparing(Step::cluster)
                        .thenComparing(
                                s ->
                                        s.status() == ObjectDiff.Status.REMOVED
                                                ? 0
                                                : s.status() == ObjectDiff.Status.ADDED ? 1 : 2));
        return steps;
    }

    /** The Kustomization that applies an object, and the object as it applies it. */
    private record Owner(String kustomization, JsonNode object) {}

    private static SortedMap<String, Owner> owners(
            SortedMap<String, SortedMap<String, JsonNode>> build) {
        SortedMap<String, Owner> owners = new TreeMap<>();
        build.forEach(
                (k, objects) ->
                        objects.forEach((o, doc) -> owners.putIfAbsent(o, new Owner(k, doc))));
        return owners;
    }

    /** The plan as text lines, grouped by cluster: what a reviewer reads first. */
    static List<String> lines(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        String cluster = null;
        for (Step s : steps) {
            if (!s.cluster().equals(cluster)) {
                cluster = s.cluster();
                lines.add(cluster + ":");
            }
            lines.add(
                    switch (s.status()) {
                        case ADDED ->
                                "  + create "
                                        + s.object()
                                        + " (applied by Kustomization "
                                        + s.kustomization()
                                        + ")";
                        case CHANGED ->
                                "  ~ update "
                                        + s.object()
                                        + " (applied by Kustomization "
                                        + s.kustomization()
                                        + ")";
                        case REMOVED ->
                                "  - DELETE "
                                        + s.object()
                                        + (s.kustomizationDeleted()
                                                ? " (Kustomization "
                                                        + s.kustomization()
                                                        + " is deleted and prunes it)"
                                                : " (pruned by Kustomization "
                                                        + s.kustomization()
                                                        + ")");
                    });
        }
        return lines;
    }
}
