package io.neotool.gitops.config;

/**
 * Annotations the generator puts on its objects to state what a cluster holds, so that the review
 * ({@code neotool:diff}) reads them from the trees before and after a change instead of parsing
 * scripts.
 */
public final class Annotations {
    /**
     * On the databases Job's ConfigMap: the databases declared on the shared PostgreSQL, sorted.
     */
    public static final String DATABASES = "neotool.io/databases";

    /** On the topics Job: the Kafka topics the apps declare, sorted. */
    public static final String TOPICS = "neotool.io/topics";

    private Annotations() {}
}
