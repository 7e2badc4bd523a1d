package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The namespace's NetworkPolicies: deny all ingress and egress, allow DNS, then one policy per
 * workload with exactly the edges of {@link NetworkGraph}. In the controllers layer, so that no pod
 * of the later layers ever runs unfenced.
 */
public final class NetworkPolicyComponent implements Component {
    /** The label Kubernetes sets on every namespace to its name. */
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

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
        Map<String, Map<String, String>> selectors = NetworkGraph.selectors(config);
        List<NetworkGraph.Edge> edges = NetworkGraph.of(context);
        List<HasMetadata> policies = new ArrayList<>(baseline(context.namespace()));
        if (NamespaceComponent.hasNodeAgents(config)) {
            policies.addAll(baseline(config.agentsNamespace()));
        }
        // each workload's peers and ports, in one pass over the edges (a policy per workload would
        // otherwise scan every edge for every workload)
        Map<String, Map<String, SortedSet<Integer>>> incoming = new TreeMap<>();
        Map<String, Map<String, SortedSet<Integer>>> outgoing = new TreeMap<>();
        for (NetworkGraph.Edge e : edges) {
            incoming.computeIfAbsent(e.to(), k -> new TreeMap<>())
                    .computeIfAbsent(e.from(), k -> new TreeSet<>())
                    .add(e.port());
            outgoing.computeIfAbsent(e.from(), k -> new TreeMap<>())
                    .computeIfAbsent(e.to(), k -> new TreeSet<>())
                    .add(e.port());
        }
        selectors.forEach(
                (workload, selector) -> {
                    String home = NetworkGraph.namespace(config, workload);
                    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
                    incoming.getOrDefault(workload, Map.of())
                            .forEach(
                                    (peer, ports) ->
                                            ingress.add(
                                                    new NetworkPolicyIngressRuleBuilder()
                                                            .withFrom(
                                                                    peer(
                                                                            peer, home, selectors,
                                                                            config))
                                                            .withPorts(ports(ports))
                                                            .build()));
                    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
                    outgoing.getOrDefault(workload, Map.of())
                            .forEach(
                                    (peer, ports) ->
                                            egress.add(
                                                    new NetworkPolicyEgressRuleBuilder()
                                                            .withTo(
                                                                    peer(
                                                                            peer, home, selectors,
                                                                            config))
                                                            .withPorts(ports(ports))
                                                            .build()));
                    policies.add(
                            new NetworkPolicyBuilder()
                                    .withNewMetadata()
                                    .withName(workload)
                                    .withNamespace(home)
                                    .endMetadata()
                                    .withNewSpec()
                                    .withNewPodSelector()
                                    .withMatchLabels(selector)
                                    .endPodSelector()
                                    .withPolicyTypes("Ingress", "Egress")
                                    .withIngress(ingress.isEmpty() ? null : ingress)
                                    .withEgress(egress.isEmpty() ? null : egress)
                                    .endSpec()
                                    .build());
                });
        return policies;
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
                        .addToMatchLabels(NAMESPACE_NAME, "kube-system")
                        .endNamespaceSelector()
                        .withNewPodSelector()
                        .addToMatchLabels("k8s-app", "kube-dns")
                        .endPodSelector()
                        .endTo()
                        .withPorts(port(53, "UDP"), port(53, "TCP"))
                        .endEgress()
                        .endSpec()
                        .build());
    }

    private static NetworkPolicyPeer peer(
            String name,
            String home,
            Map<String, Map<String, String>> selectors,
            EnvironmentConfig config) {
        return switch (name) {
            case NetworkGraph.TRAEFIK ->
                    new NetworkPolicyPeerBuilder()
                            .withNewNamespaceSelector()
                            .addToMatchLabels(NAMESPACE_NAME, "kube-system")
                            .endNamespaceSelector()
                            .withNewPodSelector()
                            .addToMatchLabels("app.kubernetes.io/name", "traefik")
                            .endPodSelector()
                            .build();
            case NetworkGraph.API_SERVER, NetworkGraph.ANYWHERE, NetworkGraph.NODE ->
                    new NetworkPolicyPeerBuilder()
                            .withNewIpBlock()
                            .withCidr("0.0.0.0/0")
                            .endIpBlock()
                            .build();
            case NetworkGraph.INTERNET ->
                    new NetworkPolicyPeerBuilder()
                            .withNewIpBlock()
                            .withCidr("0.0.0.0/0")
                            .withExcept(PRIVATE_RANGES)
                            .endIpBlock()
                            .build();
            default -> {
                NetworkPolicyPeerBuilder peer =
                        new NetworkPolicyPeerBuilder()
                                .withNewPodSelector()
                                .withMatchLabels(selectors.get(name))
                                .endPodSelector();
                String namespace = NetworkGraph.namespace(config, name);
                if (!namespace.equals(home)) {
                    peer.withNewNamespaceSelector()
                            .addToMatchLabels(NAMESPACE_NAME, namespace)
                            .endNamespaceSelector();
                }
                yield peer.build();
            }
        };
    }

    private static List<NetworkPolicyPort> ports(SortedSet<Integer> ports) {
        List<NetworkPolicyPort> out = new ArrayList<>();
        ports.forEach(p -> out.add(port(p, "TCP")));
        return out;
    }

    private static NetworkPolicyPort port(int number, String protocol) {
        return new NetworkPolicyPortBuilder()
                .withPort(new IntOrString(number))
                .withProtocol(protocol)
                .build();
    }
}
