package io.neotool.gitops.components.apollorouter;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;

/** Apollo Router, the GraphQL gateway, serving a supergraph committed beside the config. */
@JsonClassDescription(
        "The Apollo Router, NeoTool's GraphQL gateway, serving the supergraph of the apps.")
public record ApolloRouterSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonPropertyDescription("Number of the Apollo Router pods (at least 1).") Integer replicas,
        @JsonProperty(required = true) Resources resources,
        String host,
        @JsonPropertyDescription(
                        "The composed supergraph schema, relative to this config file (e.g. supergraph/neotool.graphql); each subgraph URL must be an app of this config (http://<app>) or listed in externalSubgraphs.")
                @JsonProperty(required = true)
                String supergraphFile,
        @JsonPropertyDescription("Subgraph URLs outside the cluster that the router may call.")
                java.util.List<String> externalSubgraphs)
        implements ComponentSettings.Chart {
    /** A subgraph of the supergraph: {@code @join__graph(name: "...", url: "...")}. */
    private static final java.util.regex.Pattern JOIN_GRAPH =
            java.util.regex.Pattern.compile("@join__graph\\(name: \"([^\"]*)\", url: \"([^\"]*)\"");

    /**
     * {@code http://<service>[:<port>][/...]}: a Service of the namespace, the only form the
     * Router's NetworkPolicy can open a path to.
     */
    private static final java.util.regex.Pattern IN_CLUSTER =
            java.util.regex.Pattern.compile("^https?://([a-z0-9-]+)(?::(\\d+))?(?:/.*)?$");

    /**
     * A subgraph the supergraph names, with the line it is on, and the Service and port its URL
     * reaches in the namespace (null when the URL is not {@code http://<service>[:<port>][/...]};
     * the port null when not given).
     */
    public record Subgraph(
            String name,
            String url,
            int line,
            @org.jspecify.annotations.Nullable String service,
            @org.jspecify.annotations.Nullable String port) {}

    /** Every {@code @join__graph(name: "...", url: "...")} of a supergraph, in order. */
    public static java.util.List<Subgraph> subgraphs(String schema) {
        java.util.List<Subgraph> subgraphs = new java.util.ArrayList<>();
        java.util.regex.Matcher m = JOIN_GRAPH.matcher(schema);
        while (m.find()) {
            int line =
                    1 + (int) schema.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            java.util.regex.Matcher u = IN_CLUSTER.matcher(m.group(2));
            boolean local = u.matches();
            subgraphs.add(
                    new Subgraph(
                            m.group(1),
                            m.group(2),
                            line,
                            local ? u.group(1) : null,
                            local ? u.group(2) : null));
        }
        return subgraphs;
    }

    public ApolloRouterSettings {
        replicas = replicas == null ? 1 : replicas;
        externalSubgraphs =
                externalSubgraphs == null
                        ? java.util.List.of()
                        : java.util.List.copyOf(externalSubgraphs);
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.positive(path + ".replicas", replicas);
        java.nio.file.Path base = rules.baseDir();
        if (isEnabled() && base != null) {
            java.nio.file.Path supergraph = base.resolve(supergraphFile).normalize();
            rules.check(
                    supergraph.startsWith(base.normalize())
                            && java.nio.file.Files.isRegularFile(supergraph),
                    path + ".supergraphFile",
                    "no supergraph file '" + supergraphFile + "' beside the config",
                    "the path is relative to the config's folder, e.g. supergraph/production.graphql");
            if (java.nio.file.Files.isRegularFile(supergraph)) {
                subgraphsResolve(rules, path, supergraph);
            }
        }
    }

    /**
     * Every subgraph the supergraph routes to is an app of this config, reached through its Service
     * (port 80), or is declared external: otherwise the Router would route to nothing and its
     * NetworkPolicy would silently lose the path.
     */
    private void subgraphsResolve(ConfigRules rules, String path, java.nio.file.Path supergraph) {
        String text;
        try {
            text = java.nio.file.Files.readString(supergraph);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Map<String, AppConfig> apps = new java.util.HashMap<>();
        rules.config().apps().forEach(a -> apps.put(a.name(), a));
        for (Subgraph subgraph : subgraphs(text)) {
            if (externalSubgraphs.contains(subgraph.name())) {
                continue;
            }
            String where =
                    supergraphFile
                            + ":"
                            + subgraph.line()
                            + ": subgraph '"
                            + subgraph.name()
                            + "' ("
                            + subgraph.url()
                            + ")";
            String service = subgraph.service();
            if (service == null || !apps.containsKey(service)) {
                rules.check(
                        false,
                        path + ".supergraphFile",
                        where + " routes to no app of this config",
                        "name an app of the config (http://<app>/graphql), or declare the subgraph "
                                + "under infrastructure.apolloRouter.externalSubgraphs");
            } else if (subgraph.port() != null && !"80".equals(subgraph.port())) {
                rules.check(
                        false,
                        path + ".supergraphFile",
                        where
                                + ": app '"
                                + service
                                + "' is reached on port 80 (its Service), not "
                                + subgraph.port(),
                        "drop the port: http://" + service + "/graphql");
            }
        }
    }

    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(Pods.of("", replicas, resources()));
    }
}
