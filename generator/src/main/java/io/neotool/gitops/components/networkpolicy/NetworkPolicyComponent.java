package io.neotool.gitops.components.networkpolicy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.neotool.gitops.components.namespace.NamespaceComponent;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The namespace's NetworkPolicies: deny all ingress and egress, allow DNS, then exactly the edges
 * of {@link NetworkGraph}: one policy per component workload, and the apps' paths shared by the
 * apps that open them ({@link AppPolicies}). In the controllers layer, so that no pod of the later
 * layers ever runs unfenced.
 */
public final class NetworkPolicyComponent implements Component {
    @Override
    public String name() {
        return "network-policies";
    }

    @Override
    public Layer layer() {
        return Layer.CONTROLLERS;
    }

    @Override
    public String configPath() {
        return "apps";
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return true;
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        EnvironmentConfig config = context.config();
        Map<String, Map<String, String>> selectors = context.selectors();
        List<Edge> edges = context.edges();
        List<HasMetadata> policies = new ArrayList<>(baseline(context.namespace()));
        if (NamespaceComponent.hasNodeAgents(config)) {
            policies.addAll(baseline(config.agentsNamespace()));
        }
        // each workload's peers and ports, in one pass over the edges (a policy per workload would
        // otherwise scan every edge for every workload)
        Map<String, Map<String, SortedSet<Integer>>> incoming = new TreeMap<>();
        Map<String, Map<String, SortedSet<Integer>>> outgoing = new TreeMap<>();
        for (Edge e : edges) {
            incoming.computeIfAbsent(e.to(), k -> new TreeMap<>())
                    .computeIfAbsent(e.from(), k -> new TreeSet<>())
                    .add(e.port());
            outgoing.computeIfAbsent(e.from(), k -> new TreeMap<>())
                    .computeIfAbsent(e.to(), k -> new TreeSet<>())
                    .add(e.port());
        }
        AppPolicies apps = new AppPolicies(config.apps().stream().map(a -> a.name()).toList());
        selectors.forEach(
                (workload, selector) -> {
                    Map<String, SortedSet<Integer>> in = incoming.getOrDefault(workload, Map.of());
                    Map<String, SortedSet<Integer>> out = outgoing.getOrDefault(workload, Map.of());
                    if (apps.isApp(workload)) {
                        apps.add(workload, in, out);
                        return;
                    }
                    String home = context.namespaceOf(workload);
                    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
                    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
                    apps.others(in)
                            .forEach(
                                    (peer, ports) ->
                                            ingress.add(
                                                    PolicyParts.ingress(
                                                            PolicyParts.peer(
                                                                    peer, home, selectors, context),
                                                            ports)));
                    apps.byPorts(in)
                            .forEach(
                                    (ports, peers) ->
                                            ingress.add(
                                                    PolicyParts.ingress(
                                                            PolicyParts.appsPeer(
                                                                    peers, home, context),
                                                            ports)));
                    apps.others(out)
                            .forEach(
                                    (peer, ports) ->
                                            egress.add(
                                                    PolicyParts.egress(
                                                            PolicyParts.peer(
                                                                    peer, home, selectors, context),
                                                            ports)));
                    apps.byPorts(out)
                            .forEach(
                                    (ports, peers) ->
                                            egress.add(
                                                    PolicyParts.egress(
                                                            PolicyParts.appsPeer(
                                                                    peers, home, context),
                                                            ports)));
                    policies.add(
                            policy(
                                    workload,
                                    home,
                                    new LabelSelectorBuilder().withMatchLabels(selector).build(),
                                    List.of("Ingress", "Egress"),
                                    ingress,
                                    egress));
                });
        apps.groups()
                .forEach(
                        (group, members) -> {
                            NetworkPolicyPeer peer =
                                    PolicyParts.peer(
                                            group.peer(), config.namespace(), selectors, context);
                            policies.add(
                                    policy(
                                            group.name(),
                                            config.namespace(),
                                            AppPolicies.selector(members),
                                            List.of(group.ingress() ? "Ingress" : "Egress"),
                                            group.ingress()
                                                    ? List.of(
                                                            PolicyParts.ingress(
                                                                    peer, group.ports()))
                                                    : List.of(),
                                            group.ingress()
                                                    ? List.of()
                                                    : List.of(
                                                            PolicyParts.egress(
                                                                    peer, group.ports()))));
                        });
        return policies;
    }

    /**
     * A policy of the workloads {@code selector} picks, of the {@code types} it isolates (a shared
     * app policy names only its own direction; the namespace's default deny isolates both).
     */
    private static NetworkPolicy policy(
            String name,
            String namespace,
            LabelSelector selector,
            List<String> types,
            List<NetworkPolicyIngressRule> ingress,
            List<NetworkPolicyEgressRule> egress) {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withPodSelector(selector)
                .withPolicyTypes(types)
                .withIngress(ingress.isEmpty() ? null : ingress)
                .withEgress(egress.isEmpty() ? null : egress)
                .endSpec()
                .build();
    }

    /** Deny all ingress and egress of {@code namespace}, then allow DNS. */
    private static List<HasMetadata> baseline(String namespace) {
        return List.of(
                new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName("default-deny")
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .endPodSelector()
                        .withPolicyTypes("Ingress", "Egress")
                        .endSpec()
                        .build(),
                new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName("allow-dns")
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .endPodSelector()
                        .withPolicyTypes("Egress")
                        .addNewEgress()
                        .addNewTo()
                        .withNewNamespaceSelector()
                        .addToMatchLabels(PolicyParts.NAMESPACE_NAME, "kube-system")
                        .endNamespaceSelector()
                        .withNewPodSelector()
                        .addToMatchLabels("k8s-app", "kube-dns")
                        .endPodSelector()
                        .endTo()
                        .withPorts(PolicyParts.port(53, "UDP"), PolicyParts.port(53, "TCP"))
                        .endEgress()
                        .endSpec()
                        .build());
    }
}
