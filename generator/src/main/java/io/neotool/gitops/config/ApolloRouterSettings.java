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
        @JsonProperty(required = true) String supergraphFile)
        implements ComponentSettings.Chart {
    public ApolloRouterSettings {
        replicas = replicas == null ? 1 : replicas;
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
        }
    }
}
