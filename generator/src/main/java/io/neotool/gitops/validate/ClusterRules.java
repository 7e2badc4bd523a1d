package io.neotool.gitops.validate;

import java.util.Set;

/**
 * What the config of a cluster says the objects must respect.
 *
 * @param skipSchemaFor {@code group/version/Kind} entries allowed to have no schema in the catalog
 */
public record ClusterRules(
        String cluster, String domain, String storageClass, Set<String> skipSchemaFor) {}
