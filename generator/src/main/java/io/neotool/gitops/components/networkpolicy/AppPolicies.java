package io.neotool.gitops.components.networkpolicy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.neotool.gitops.platform.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How the apps' network paths become few NetworkPolicies, whatever the number of apps: the apps
 * that open the same path (to or from the same workload, on the same ports) share one policy that
 * selects them by name ({@code In}), and a workload's rule for apps names them all in one peer. One
 * policy per app put a thousand objects into the controllers path at a thousand apps, and
 * kustomize's build time grows with the objects of a path. The policies stay in the controllers
 * layer: an upgrade applies the shared policies before it prunes the per-app ones, so no app loses
 * a path in between.
 */
final class AppPolicies {
    /** One shared policy: the apps that open the path, and the path. */
    record Group(boolean ingress, String peer, SortedSet<Integer> ports) {
        /** {@code apps-from-traefik-8080}, {@code apps-to-pgbouncer-5432}. */
        String name() {
            return "apps-"
                    + (ingress ? "from-" : "to-")
                    + peer
                    + "-"
                    + ports.stream().map(String::valueOf).collect(Collectors.joining("-"));
        }
    }

    private final SortedSet<String> apps;

    /** Each shared policy and the apps it selects, by policy name. */
    private final Map<Group, SortedSet<String>> groups =
            new TreeMap<>(java.util.Comparator.comparing(Group::name));

    AppPolicies(Collection<String> apps) {
        this.apps = new TreeSet<>(apps);
    }

    boolean isApp(String workload) {
        return apps.contains(workload);
    }

    /** Records the paths of one app: its peers and their ports, in and out. */
    void add(
            String app,
            Map<String, SortedSet<Integer>> incoming,
            Map<String, SortedSet<Integer>> outgoing) {
        incoming.forEach((peer, ports) -> join(new Group(true, peer, ports), app));
        outgoing.forEach((peer, ports) -> join(new Group(false, peer, ports), app));
    }

    private void join(Group group, String app) {
        groups.computeIfAbsent(group, k -> new TreeSet<>()).add(app);
    }

    /** Each shared policy's path and the apps it selects, by policy name. */
    Map<Group, SortedSet<String>> groups() {
        return java.util.Collections.unmodifiableMap(groups);
    }

    /** A workload's peers that are not apps: each gets a rule of its own. */
    Map<String, SortedSet<Integer>> others(Map<String, SortedSet<Integer>> peers) {
        Map<String, SortedSet<Integer>> others = new TreeMap<>();
        peers.forEach(
                (peer, ports) -> {
                    if (!isApp(peer)) {
                        others.put(peer, ports);
                    }
                });
        return others;
    }

    /** The app peers of a workload by the ports they use, in a stable order. */
    Map<List<Integer>, SortedSet<String>> byPorts(Map<String, SortedSet<Integer>> peers) {
        Map<List<Integer>, SortedSet<String>> out =
                new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        peers.forEach(
                (peer, ports) -> {
                    if (isApp(peer)) {
                        out.computeIfAbsent(new ArrayList<>(ports), k -> new TreeSet<>()).add(peer);
                    }
                });
        return out;
    }

    /**
     * Every pod of {@code apps}: the pods of NeoTool ({@code part-of}) whose name is one of theirs
     * (no component workload may take an app's name).
     */
    static LabelSelector selector(Collection<String> apps) {
        return new LabelSelectorBuilder()
                .withMatchLabels(Map.of("app.kubernetes.io/part-of", Context.PART_OF))
                .withMatchExpressions(
                        new LabelSelectorRequirementBuilder()
                                .withKey("app.kubernetes.io/name")
                                .withOperator("In")
                                .withValues(new ArrayList<>(new TreeSet<>(apps)))
                                .build())
                .build();
    }
}
