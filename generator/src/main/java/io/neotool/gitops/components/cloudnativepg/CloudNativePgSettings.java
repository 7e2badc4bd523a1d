package io.neotool.gitops.components.cloudnativepg;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Resources;

/**
 * The CloudNativePG operator, which runs PostgreSQL as a three-instance {@code Cluster} when the
 * cluster's topology is {@code ha}.
 */
@JsonClassDescription(
        "CloudNativePG, the operator that runs PostgreSQL (a Cluster of three instances, its Pooler and continuous backup) when cluster.topology is ha. Only for ha.")
public record CloudNativePgSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) Resources resources,
        @JsonPropertyDescription(
                        "The PgBouncer image of the Pooler, repository:tag pinned. Leave it out for the one the pinned operator ships with (1.30.0: ghcr.io/cloudnative-pg/pgbouncer:1.25.1).")
                String poolerImage)
        implements ComponentSettings.Chart {

    /** The PgBouncer image CloudNativePG 1.30.0 runs by default (pkg/versions). */
    public static final String DEFAULT_POOLER_IMAGE = "ghcr.io/cloudnative-pg/pgbouncer:1.25.1";

    public CloudNativePgSettings {
        poolerImage = poolerImage == null ? DEFAULT_POOLER_IMAGE : poolerImage;
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.image(path + ".poolerImage", poolerImage);
        rules.check(
                !isEnabled() || rules.config().cluster().ha(),
                path,
                "CloudNativePG runs PostgreSQL on three nodes, and the cluster's topology is single-node",
                "set cluster.topology: ha, or remove infrastructure.cloudnativePg");
    }
}
