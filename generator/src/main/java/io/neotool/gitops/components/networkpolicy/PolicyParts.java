package io.neotool.gitops.components.networkpolicy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The parts of the NetworkPolicies: rules, peers (workloads, apps, Traefik, addresses), ports. */
final class PolicyParts {
    /** The label Kubernetes sets on every namespace to its name. */
    static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private static final List<String> PRIVATE_RANGES =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

    private PolicyParts() {}

    static NetworkPolicyIngressRule ingress(NetworkPolicyPeer peer, Collection<Integer> ports) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(peer).withPorts(ports(ports)).build();
    }

    static NetworkPolicyEgressRule egress(NetworkPolicyPeer peer, Collection<Integer> ports) {
        return new NetworkPolicyEgressRuleBuilder().withTo(peer).withPorts(ports(ports)).build();
    }

    /** The pods of the apps {@code peers}, from a workload in {@code home}. */
    static NetworkPolicyPeer appsPeer(Collection<String> peers, String home, Context context) {
        EnvironmentConfig config = context.config();
        NetworkPolicyPeerBuilder peer =
                new NetworkPolicyPeerBuilder().withPodSelector(AppPolicies.selector(peers));
        if (!config.namespace().equals(home)) {
            peer.withNewNamespaceSelector()
                    .addToMatchLabels(NAMESPACE_NAME, config.namespace())
                    .endNamespaceSelector();
        }
        return peer.build();
    }

    static NetworkPolicyPeer peer(
            String name, String home, Map<String, Map<String, String>> selectors, Context context) {
        return switch (name) {
            case Edge.TRAEFIK ->
                    new NetworkPolicyPeerBuilder()
                            .withNewNamespaceSelector()
                            .addToMatchLabels(NAMESPACE_NAME, "kube-system")
                            .endNamespaceSelector()
                            .withNewPodSelector()
                            .addToMatchLabels("app.kubernetes.io/name", "traefik")
                            .endPodSelector()
                            .build();
            case Edge.API_SERVER, Edge.ANYWHERE, Edge.NODE ->
                    new NetworkPolicyPeerBuilder()
                            .withNewIpBlock()
                            .withCidr("0.0.0.0/0")
                            .endIpBlock()
                            .build();
            case Edge.INTERNET ->
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
                String namespace = context.namespaceOf(name);
                if (!namespace.equals(home)) {
                    peer.withNewNamespaceSelector()
                            .addToMatchLabels(NAMESPACE_NAME, namespace)
                            .endNamespaceSelector();
                }
                yield peer.build();
            }
        };
    }

    static List<NetworkPolicyPort> ports(Collection<Integer> ports) {
        List<NetworkPolicyPort> out = new ArrayList<>();
        ports.forEach(p -> out.add(port(p, "TCP")));
        return out;
    }

    static NetworkPolicyPort port(int number, String protocol) {
        return new NetworkPolicyPortBuilder()
                .withPort(new IntOrString(number))
                .withProtocol(protocol)
                .build();
    }
}
