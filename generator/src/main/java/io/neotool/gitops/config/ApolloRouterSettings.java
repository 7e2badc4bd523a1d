package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Apollo Router, the GraphQL gateway, serving a supergraph committed beside the config. */
public record ApolloRouterSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        Integer replicas,
        @JsonProperty(required = true) Resources resources,
        String host,
        @JsonProperty(required = true) String supergraphFile,
        java.util.List<String> externalSubgraphs)
        implements ComponentSettings.Chart {
    /** A subgraph of the supergraph: {@code @join__graph(name: "...", url: "...")}. */
    private static final java.util.regex.Pattern JOIN_GRAPH =
            java.util.regex.Pattern.compile("@join__graph\\(name: \"([^\"]*)\", url: \"([^\"]*)\"");

    /** {@code http://<service>[.<namespace>[.svc[.cluster.local]]][:<port>]/...}. */
    private static final java.util.regex.Pattern IN_CLUSTER =
            java.util.regex.Pattern.compile(
                    "^https?://([a-z0-9-]+)(\\.[a-z0-9-]+(\\.svc(\\.cluster\\.local)?)?)?(:(\\d+))?(/.*)?$");

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
        java.util.regex.Matcher m = JOIN_GRAPH.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String url = m.group(2);
            if (externalSubgraphs.contains(name)) {
                continue;
            }
            int line =
                    1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            String where = supergraphFile + ":" + line + ": subgraph '" + name + "' (" + url + ")";
            java.util.regex.Matcher u = IN_CLUSTER.matcher(url);
            String service = u.matches() ? u.group(1) : null;
            if (service == null || !apps.containsKey(service)) {
                rules.check(
                        false,
                        path + ".supergraphFile",
                        where + " routes to no app of this config",
                        "name an app of the config (http://<app>/graphql), or declare the subgraph "
                                + "under infrastructure.apolloRouter.externalSubgraphs");
            } else if (u.group(6) != null && !u.group(6).equals("80")) {
                rules.check(
                        false,
                        path + ".supergraphFile",
                        where
                                + ": app '"
                                + service
                                + "' is reached on port 80 (its Service), not "
                                + u.group(6),
                        "drop the port: http://" + service + "/graphql");
            }
        }
    }
}
