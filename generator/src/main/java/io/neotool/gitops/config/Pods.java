package io.neotool.gitops.config;

/**
 * Pods of one kind a component runs, as the node budget counts them: how many, what each requests,
 * and whether one runs on every node (a DaemonSet) rather than being spread over them.
 */
public record Pods(String what, int count, Resources.Amount requests, boolean everyNode) {
    public static Pods of(String what, int count, Resources resources) {
        return new Pods(what, count, resources.requests(), false);
    }
}
