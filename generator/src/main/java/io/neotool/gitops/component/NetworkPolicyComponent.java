package io.neotool.gitops.component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.neotool.gitops.config.EnvironmentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The namespace's NetworkPolicies: deny all ingress and egress, allow DNS, then one policy per
 * workload with exactly the edges of {@link NetworkGraph}. In the controllers layer, so that no pod
 * of the later layers ever runs unfenced.
 */
public final class NetworkPolicyComponent implements Component {
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

    @Override public String name() { return "network-policies"; }
    @Override public Layer layer() { return Layer.CONTROLLERS; }
    @Override public String configPath() { return "apps"; }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return true;
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        Map<String, Map<String, String>> selectors = NetworkGraph.selectors(context.config());
        List<NetworkGraph.Edge> edges = NetworkGraph.of(context);
        List<HasMetadata> policies = new ArrayList<>();
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName("default-deny").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
                .build());
        policies.add(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-dns").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Egress")
                .addNewEgress()
                .addNewTo().withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system").endNamespaceSelector()
                .withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector().endTo()
                .withPorts(port(53, "UDP"), port(53, "TCP"))
                .endEgress()
                .endSpec()
                .build());
        selectors.forEach((workload, selector) -> {
            Map<String, TreeSet<Integer>> in = new TreeMap<>();
            Map<String, TreeSet<Integer>> out = new TreeMap<>();
            for (NetworkGraph.Edge e : edges) {
                if (e.to().equals(workload)) {
                    in.computeIfAbsent(e.from(), k -> new TreeSet<>()).add(e.port());
                }
                if (e.from().equals(workload)) {
                    out.computeIfAbsent(e.to(), k -> new TreeSet<>()).add(e.port());
                }
            }
            NetworkPolicyBuilder policy = new NetworkPolicyBuilder()
                    .withNewMetadata().withName(workload).endMetadata()
                    .withNewSpec().withNewPodSelector().withMatchLabels(selector).endPodSelector().withPolicyTypes("Ingress", "Egress")
                    .endSpec();
            in.forEach((peer, ports) -> policy.editSpec().addNewIngress().withFrom(peer(peer, selectors)).withPorts(ports(ports)).endIngress().endSpec());
            out.forEach((peer, ports) -> policy.editSpec().addNewEgress().withTo(peer(peer, selectors)).withPorts(ports(ports)).endEgress().endSpec());
            policies.add(policy.build());
        });
        return policies;
    }

    private static NetworkPolicyPeer peer(String name, Map<String, Map<String, String>> selectors) {
        return switch (name) {
            case NetworkGraph.TRAEFIK -> new NetworkPolicyPeerBuilder()
                    .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system").endNamespaceSelector()
                    .withNewPodSelector().addToMatchLabels("app.kubernetes.io/name", "traefik").endPodSelector().build();
            case NetworkGraph.API_SERVER, NetworkGraph.ANYWHERE -> new NetworkPolicyPeerBuilder()
                    .withNewIpBlock().withCidr("0.0.0.0/0").endIpBlock().build();
            case NetworkGraph.INTERNET -> new NetworkPolicyPeerBuilder()
                    .withNewIpBlock().withCidr("0.0.0.0/0").withExcept(PRIVATE_RANGES).endIpBlock().build();
            default -> new NetworkPolicyPeerBuilder().withNewPodSelector().withMatchLabels(selectors.get(name)).endPodSelector().build();
        };
    }

    private static List<NetworkPolicyPort> ports(TreeSet<Integer> ports) {
        List<NetworkPolicyPort> out = new ArrayList<>();
        ports.forEach(p -> out.add(port(p, "TCP")));
        return out;
    }

    private static NetworkPolicyPort port(int number, String protocol) {
        return new NetworkPolicyPortBuilder().withPort(new IntOrString(number)).withProtocol(protocol).build();
    }
}
