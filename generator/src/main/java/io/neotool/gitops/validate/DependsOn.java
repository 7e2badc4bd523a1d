package io.neotool.gitops.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dependsOn} graph of a cluster's Flux Kustomizations: its cycles, what each waits for.
 */
final class DependsOn {
    private DependsOn() {}

    /** Depth-first search; returns the first cycle met, closed ({@code a -> b -> a}), or null. */
    static @Nullable List<String> cycle(
            String node,
            Map<String, List<String>> edges,
            Map<String, Boolean> finished,
            List<String> stack) {
        Boolean state = finished.get(node);
        if (Boolean.TRUE.equals(state)) {
            return null;
        }
        if (Boolean.FALSE.equals(state)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(node), stack.size()));
            cycle.add(node);
            return cycle;
        }
        finished.put(node, false);
        stack.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            List<String> cycle = cycle(next, edges, finished, stack);
            if (cycle != null) {
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        finished.put(node, true);
        return null;
    }

    /** Every Kustomization {@code start} waits for, directly or not, and itself. */
    static Set<String> reachable(String start, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(edges.getOrDefault(next, List.of()));
            }
        }
        return seen;
    }
}
