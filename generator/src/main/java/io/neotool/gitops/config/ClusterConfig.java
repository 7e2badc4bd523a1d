package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** The cluster Flux runs in: a single-node K3S by default. */
public record ClusterConfig(
        @JsonPropertyDescription(
                        "The cluster's name (a DNS label): the folder clusters/<name>/ and the prefix of its Flux objects.")
                @JsonProperty(required = true)
                String name,
        @JsonPropertyDescription(
                        "The Kubernetes minor the cluster runs, quoted (e.g. \"1.33\"): objects are validated against that version's schemas.")
                @JsonProperty(required = true)
                String kubernetesVersion,
        @JsonPropertyDescription(
                        "The public domain; every host of the config must lie under it (e.g. neotool.io).")
                @JsonProperty(required = true)
                String domain,
        @JsonPropertyDescription(
                        "StorageClass of every persistent volume claim. Leave it out for K3S's local-path (volumes on the node's disk).")
                String storageClass,
        @JsonPropertyDescription("IngressClass of every Ingress. Leave it out for K3S's traefik.")
                String ingressClass,
        @JsonPropertyDescription(
                        "The K3S release the node runs, pinned (e.g. v1.33.5+k3s1); its minor must be kubernetesVersion's. The runbook's install and upgrade commands name it; leave it out only for a cluster that is not K3S.")
                @Nullable String k3sVersion,
        @JsonPropertyDescription(
                        "single-node (default): one K3S node, every stateful part one instance. ha: three K3S server nodes; Vault three raft members, PostgreSQL a CloudNativePG Cluster of three (infrastructure.cloudnativePg), Kafka a Strimzi Kafka of three (infrastructure.strimzi), what runs twice spread over the nodes; what stays single is listed in the cluster README, and the review plans the move of each data set.")
                Topology topology,
        @JsonPropertyDescription(
                        "What one node offers the cluster's pods (allocatable: the machine less what K3S and the system keep), e.g. {cpu: \"4\", memory: 14Gi}. The generator adds up the requests of every component and app per node, refuses a config that asks more, and the cluster README shows the sum. Leave it out to skip the check.")
                @Nullable NodeSize nodeSize) {

    public ClusterConfig {
        storageClass = storageClass == null ? "local-path" : storageClass;
        ingressClass = ingressClass == null ? "traefik" : ingressClass;
        topology = topology == null ? Topology.SINGLE_NODE : topology;
    }

    /** Whether the cluster has three nodes. */
    public boolean ha() {
        return topology == Topology.HA;
    }

    /** What one node offers: CPU and memory, as Kubernetes quantities. */
    public record NodeSize(
            @JsonPropertyDescription("CPU of one node for pods: cores (4) or millicores (3500m).")
                    @JsonProperty(required = true)
                    String cpu,
            @JsonPropertyDescription("Memory of one node for pods, in binary units (14Gi).")
                    @JsonProperty(required = true)
                    String memory) {}

    /** How many nodes the cluster runs on, and so how its quorum members spread. */
    public enum Topology {
        @JsonProperty("single-node")
        SINGLE_NODE,
        @JsonProperty("ha")
        HA
    }
}
