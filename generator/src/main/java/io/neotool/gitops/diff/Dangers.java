package io.neotool.gitops.diff;

import io.neotool.gitops.config.NodeBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The changes that hurt, read from one object's diff: data that Flux would delete or strand, fields
 * the API server refuses to change in place (with what the operator must do), and a security
 * posture loosened. Each names the object and the reason.
 */
final class Dangers {
    private static final String FORCE = "kustomize.toolkit.fluxcd.io/force";
    private static final List<String> LEVELS = List.of("privileged", "baseline", "restricted");

    /** Fields the API server rejects changing in place, by kind (JSON pointer prefixes). */
    private static final Map<String, List<String>> IMMUTABLE =
            Map.of(
                    "StatefulSet",
                            List.of(
                                    "/spec/selector",
                                    "/spec/volumeClaimTemplates",
                                    "/spec/serviceName",
                                    "/spec/podManagementPolicy"),
                    "Deployment", List.of("/spec/selector"),
                    "DaemonSet", List.of("/spec/selector"),
                    "Job", List.of("/spec/template", "/spec/selector", "/spec/completions"),
                    "Service", List.of("/spec/clusterIP"),
                    "PersistentVolumeClaim",
                            List.of(
                                    "/spec/storageClassName",
                                    "/spec/accessModes",
                                    "/spec/volumeName"));

    /** The kinds whose size change resizes bound claims, and what a refused resize stops. */
    private static final Map<String, String> GROWN_BY =
            Map.of(
                    "HelmRelease",
                            "so the update is refused and the release or Kustomization stops there",
                    "PersistentVolumeClaim",
                            "so the update is refused and the release or Kustomization stops there",
                    "Cluster",
                            "so CloudNativePG's resize of each instance's claim is refused and the Cluster reports it, at the old size",
                    "KafkaNodePool",
                            "so Strimzi's resize of each node's claim is refused and the Kafka reports it, at the old size");

    private static final Pattern STORAGE_SIZE = Pattern.compile(".*/(storage|size)$");
    private static final Pattern STORAGE_CLASS = Pattern.compile(".*/storageClass(Name)?$");

    private Dangers() {}

    static List<Danger> of(ObjectDiff diff, @Nullable JsonNode before, @Nullable JsonNode after) {
        List<Danger> dangers = new ArrayList<>();
        JsonNode any = after != null ? after : before;
        if (any == null || (after == null && diff.status() != ObjectDiff.Status.REMOVED)) {
            throw new IllegalArgumentException("no document for " + diff.object());
        }
        String kind = any.path("kind").asString("");
        String cluster = diff.cluster();
        String object = diff.object();
        if (diff.status() == ObjectDiff.Status.REMOVED) {
            switch (kind) {
                case "StatefulSet", "PersistentVolumeClaim" ->
                        dangers.add(
                                new Danger(
                                        Danger.Kind.DATA_LOSS,
                                        cluster,
                                        object,
                                        "removed: Flux prunes it, and a workload under another name starts on new, empty volumes",
                                        "keep the name, or move the data first (backup and restore)"));
                case "Cluster", "KafkaNodePool" ->
                        dangers.add(TopologyDangers.operatorRemoved(kind, cluster, object));
                case "HelmRelease" ->
                        dangers.add(
                                new Danger(
                                        Danger.Kind.DATA_LOSS,
                                        cluster,
                                        object,
                                        "removed: Flux uninstalls the release, and the volumes the chart created go with it",
                                        "back up its data first, or set enabled: false only once it holds none"));
                case "NetworkPolicy" -> {
                    if (any.at("/spec/podSelector").isEmpty()) {
                        dangers.add(
                                new Danger(
                                        Danger.Kind.SECURITY,
                                        cluster,
                                        object,
                                        "removed a namespace-wide policy: pods lose the default deny it gave",
                                        null));
                    }
                }
                default -> {}
            }
            return dangers;
        }
        if (after == null) {
            return dangers;
        }
        if (diff.status() == ObjectDiff.Status.ADDED) {
            SecurityDangers.security(diff, kind, null, after, dangers);
            SecurityDangers.added(diff, after, dangers);
            return dangers;
        }
        boolean forced =
                "enabled".equals(after.at("/metadata/annotations").path(FORCE).asString(""));
        for (Change change : diff.changes()) {
            String field = change.field();
            for (String prefix : IMMUTABLE.getOrDefault(kind, List.of())) {
                if (field.startsWith(prefix) && !forced) {
                    dangers.add(
                            new Danger(
                                    Danger.Kind.REJECTED,
                                    cluster,
                                    object,
                                    field
                                            + " cannot change in place: the API server rejects the apply and Flux stops at this Kustomization",
                                    kind.equals("StatefulSet")
                                            ? "kubectl delete statefulset --cascade=orphan "
                                                    + any.at("/metadata/name").asString()
                                                    + " before the merge (its pods and volumes stay); Flux then recreates it"
                                            : "delete the object before the merge, or annotate it "
                                                    + FORCE
                                                    + ": enabled so Flux recreates it"));
                    break;
                }
            }
            if (field.startsWith("/spec/volumeClaimTemplates[")
                    && change.after() == null
                    && change.before() != null
                    && field.indexOf('/', "/spec/volumeClaimTemplates[".length()) < 0) {
                dangers.add(
                        new Danger(
                                Danger.Kind.DATA_LOSS,
                                cluster,
                                object,
                                "volume claim template "
                                        + field.substring("/spec/volumeClaimTemplates".length())
                                        + " removed or renamed: "
                                        + "new pods start on new, empty volumes",
                                "keep its name"));
            }
            if (STORAGE_SIZE.matcher(field).matches() && shrinks(change.before(), change.after())) {
                dangers.add(
                        new Danger(
                                Danger.Kind.DATA_LOSS,
                                cluster,
                                object,
                                field
                                        + " shrinks from "
                                        + change.before()
                                        + " to "
                                        + change.after()
                                        + ": a volume cannot shrink, and the data may not fit",
                                "keep the size, or move the data to a new volume"));
            }
            if (STORAGE_SIZE.matcher(field).matches()
                    && shrinks(change.after(), change.before())
                    && GROWN_BY.containsKey(kind)) {
                dangers.add(
                        new Danger(
                                Danger.Kind.REJECTED,
                                cluster,
                                object,
                                field
                                        + " grows from "
                                        + change.before()
                                        + " to "
                                        + change.after()
                                        + ": a bound claim grows only where its storage class allows expansion (K3S local-path does not), "
                                        + GROWN_BY.get(kind),
                                "keep the size; for more room, move the data to a new, larger volume (backup and restore)"));
            }
            if (STORAGE_CLASS.matcher(field).matches()
                    && change.before() != null
                    && change.after() != null) {
                dangers.add(
                        new Danger(
                                Danger.Kind.DATA_LOSS,
                                cluster,
                                object,
                                field
                                        + " moves from "
                                        + change.before()
                                        + " to "
                                        + change.after()
                                        + ": existing data stays on the old volumes",
                                "migrate the data before the merge"));
            }
        }
        SecurityDangers.security(diff, kind, before, after, dangers);
        ObjectDangers.changed(diff, kind, before, after, dangers);
        if (kind.equals("Namespace") && before != null) {
            String was =
                    before.at("/metadata/labels")
                            .path("pod-security.kubernetes.io/enforce")
                            .asString("privileged");
            String is =
                    after.at("/metadata/labels")
                            .path("pod-security.kubernetes.io/enforce")
                            .asString("privileged");
            if (LEVELS.indexOf(is) < LEVELS.indexOf(was)) {
                dangers.add(
                        new Danger(
                                Danger.Kind.SECURITY,
                                cluster,
                                object,
                                "Pod Security enforce level lowered from " + was + " to " + is,
                                null));
            }
        }
        return dangers;
    }

    /** Whether a storage quantity gets smaller. */
    static boolean shrinks(@Nullable String before, @Nullable String after) {
        long b = bytes(before);
        long a = bytes(after);
        return b > 0 && a > 0 && a < b;
    }

    /** The quantity in bytes ({@link NodeBudget#bytes}), or -1 when it is none. */
    private static long bytes(@Nullable String quantity) {
        if (quantity == null) {
            return -1;
        }
        try {
            return NodeBudget.bytes(quantity.trim());
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
