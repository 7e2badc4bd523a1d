package io.neotool.gitops.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Security loosened, read from one object's diff: NetworkPolicy paths opened, security contexts
 * relaxed, exemptions and Vault paths added; a policy rule in a reviewer's words.
 */
final class SecurityDangers {
    private SecurityDangers() {}

    /** A Vault secret the injector renders into a pod: the annotation, as a field of the diff. */
    static final Pattern VAULT_SECRET =
            Pattern.compile(".*/vault\\.hashicorp\\.com~1agent-inject-secret-([^/]+)$");

    /** Security context fields and the value that is the safe one. */
    static final Map<String, String> SAFE =
            Map.of(
                    "readOnlyRootFilesystem",
                    "true",
                    "runAsNonRoot",
                    "true",
                    "allowPrivilegeEscalation",
                    "false",
                    "privileged",
                    "false",
                    "hostNetwork",
                    "false",
                    "hostPID",
                    "false",
                    "hostIPC",
                    "false");

    /**
     * Security loosened by added or changed fields: policy paths, exemptions, security contexts,
     * Vault paths.
     */
    static void security(
            ObjectDiff diff,
            String kind,
            @Nullable JsonNode before,
            JsonNode after,
            List<Danger> dangers) {
        java.util.Set<String> readBefore = vaultPaths(before);
        if (kind.equals("NetworkPolicy")) {
            if (diff.status() == ObjectDiff.Status.ADDED) {
                for (String direction : List.of("ingress", "egress")) {
                    for (JsonNode r : after.at("/spec/" + direction)) {
                        dangers.add(
                                new Danger(
                                        Danger.Kind.SECURITY,
                                        diff.cluster(),
                                        diff.object(),
                                        "path opened: " + PolicyRules.rule(r.toString()),
                                        null));
                    }
                }
            }
            for (Change change : diff.changes()) {
                if (change.after() != null && change.field().startsWith("/spec/podSelector")) {
                    // more pods under a policy that opens paths (an app joins a shared policy)
                    List<String> rules = new ArrayList<>();
                    for (String direction : List.of("ingress", "egress")) {
                        after.at("/spec/" + direction)
                                .forEach(r -> rules.add(PolicyRules.rule(r.toString())));
                    }
                    dangers.add(
                            new Danger(
                                    Danger.Kind.SECURITY,
                                    diff.cluster(),
                                    diff.object(),
                                    "path opened: "
                                            + change.after()
                                            + " now selected, "
                                            + String.join("; ", rules),
                                    null));
                }
                if (change.after() != null && change.field().matches("^/spec/(ingress|egress).*")) {
                    dangers.add(
                            new Danger(
                                    Danger.Kind.SECURITY,
                                    diff.cluster(),
                                    diff.object(),
                                    (change.before() == null ? "path opened: " : "path changed: ")
                                            + PolicyRules.describe(change, after),
                                    null));
                }
            }
        }
        for (Change change : diff.changes()) {
            String field = change.field();
            if (change.before() == null
                    && change.after() != null
                    && change.after().startsWith("{")) {
                // a whole map added (the annotations of an object that had none): read its keys
                try {
                    added(diff, PolicyRules.READER.readTree(change.after()), dangers);
                } catch (tools.jackson.core.JacksonException e) {
                    // not JSON after all: a plain value
                }
                continue;
            }
            String leaf = field.substring(field.lastIndexOf('/') + 1);
            if (SAFE.containsKey(leaf)
                    && SAFE.get(leaf).equals(change.before())
                    && !SAFE.get(leaf).equals(change.after())) {
                dangers.add(
                        new Danger(
                                Danger.Kind.SECURITY,
                                diff.cluster(),
                                diff.object(),
                                field
                                        + " loosened from "
                                        + change.before()
                                        + " to "
                                        + (change.after() == null ? "(unset)" : change.after()),
                                null));
            }
            if (field.contains("/capabilities/add") && change.after() != null) {
                dangers.add(
                        new Danger(
                                Danger.Kind.SECURITY,
                                diff.cluster(),
                                diff.object(),
                                "capability added: " + change.after(),
                                null));
            }
            if (leaf.startsWith("checkov.io~1skip")
                    && change.after() != null
                    && change.before() == null) {
                dangers.add(
                        new Danger(
                                Danger.Kind.SECURITY,
                                diff.cluster(),
                                diff.object(),
                                "exemption added: " + change.after(),
                                null));
            }
            Matcher vault = VAULT_SECRET.matcher(field);
            if (vault.matches() && change.after() != null && !readBefore.contains(change.after())) {
                dangers.add(
                        new Danger(
                                Danger.Kind.SECURITY,
                                diff.cluster(),
                                diff.object(),
                                "reads a new Vault path: "
                                        + change.after()
                                        + " (file "
                                        + vault.group(1)
                                        + ")",
                                null));
            }
        }
    }

    /** What a new object brings in: the Vault paths its pods read, the exemptions it declares. */
    /**
     * Every Vault path the object's injector annotations read, wherever they are (the object's or a
     * pod template's): a file renamed over the same path reads nothing new.
     */
    static java.util.Set<String> vaultPaths(@Nullable JsonNode doc) {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        if (doc != null) {
            collect(doc, paths);
        }
        return paths;
    }

    private static void collect(JsonNode node, java.util.Set<String> paths) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (field.getKey().startsWith("vault.hashicorp.com/agent-inject-secret-")
                        && field.getValue().isString()) {
                    paths.add(field.getValue().asString());
                } else {
                    collect(field.getValue(), paths);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, paths));
        }
    }

    static void added(ObjectDiff diff, JsonNode doc, List<Danger> dangers) {
        walk(
                doc,
                (key, value) -> {
                    if (key.startsWith("vault.hashicorp.com/agent-inject-secret-")) {
                        dangers.add(
                                new Danger(
                                        Danger.Kind.SECURITY,
                                        diff.cluster(),
                                        diff.object(),
                                        "reads a new Vault path: "
                                                + value
                                                + " (file "
                                                + key.substring(
                                                        "vault.hashicorp.com/agent-inject-secret-"
                                                                .length())
                                                + ")",
                                        null));
                    } else if (key.startsWith("checkov.io/skip")) {
                        dangers.add(
                                new Danger(
                                        Danger.Kind.SECURITY,
                                        diff.cluster(),
                                        diff.object(),
                                        "exemption added: " + value,
                                        null));
                    }
                });
    }

    static void walk(JsonNode node, java.util.function.BiConsumer<String, String> visit) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e -> {
                                if (e.getValue().isValueNode()) {
                                    visit.accept(e.getKey(), e.getValue().asString());
                                }
                                walk(e.getValue(), visit);
                            });
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, visit));
        }
    }
}
