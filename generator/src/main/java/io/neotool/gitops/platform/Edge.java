package io.neotool.gitops.platform;

/**
 * A connection the config requires: {@code from} opens it to {@code port} of {@code to}. Each
 * component declares its own ({@link Component#edges}), each app's come from what it {@code uses};
 * the network policies turn every edge into a pair of rules (egress at the client, ingress at the
 * server). The peers outside the namespace that edges may name are the constants below.
 */
public record Edge(String from, String to, int port) implements Comparable<Edge> {
    /** Traefik, the K3S ingress controller, in kube-system. */
    public static final String TRAEFIK = "traefik";

    /**
     * The Kubernetes API server (host network on K3S: reached on 6443, or 443 through the service).
     */
    public static final String API_SERVER = "kube-apiserver";

    /** HTTPS on the internet (Cloudflare R2). */
    public static final String INTERNET = "internet";

    /** Anyone: the API server calling the Vault injector's webhook from the host. */
    public static final String ANYWHERE = "anywhere";

    /**
     * The node itself: agents on the host network (node-exporter) listen on the node's address,
     * which no pod selector matches and which is not known when the tree is generated.
     */
    public static final String NODE = "node";

    @Override
    public int compareTo(Edge o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return from + " -> " + to + ":" + port;
    }
}
