package io.neotool.gitops.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.SettingsKey;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One thing we deploy; it turns its part of the config into Kubernetes and Flux objects. */
public interface Component {

    /** Folder name inside the layer, and the name reviewers search for. */
    String name();

    Layer layer();

    /**
     * Where its settings sit in the config and the record they bind to, or null for a component
     * without a section of its own under {@code infrastructure}. The config loader, the key checker
     * and the config's JSON Schema take these from the registry.
     */
    default @Nullable SettingsKey<?> settingsKey() {
        return null;
    }

    /**
     * Key path of the config section it comes from, for provenance ({@code infrastructure.vault}).
     */
    default String configPath() {
        SettingsKey<?> key = settingsKey();
        if (key == null) {
            throw new IllegalStateException(
                    name() + " names neither its settings nor its config path");
        }
        return key.path();
    }

    boolean enabled(EnvironmentConfig config);

    /** The objects, in a stable order. */
    List<HasMetadata> objects(Context context);

    /**
     * Objects of the custom resource kinds the component's chart installs (an issuer, the
     * certificates): written to the configs layer, which Flux applies once the controllers layer,
     * and with it the CRDs, is ready. None by default.
     */
    default List<HasMetadata> customResources(Context context) {
        return List.of();
    }

    /** Non-object files of the component folder (none by default): file name to content. */
    default Map<String, String> files(Context context) {
        return Map.of();
    }

    /**
     * Scripts of the cluster folder an operator runs by hand, once or seldom (Vault's
     * initialisation): file name to content. Flux applies none of them; the runbook names them.
     */
    default Map<String, String> operatorFiles(Context context) {
        return Map.of();
    }

    /**
     * The network paths the component needs and allows when it is enabled: the edges that become
     * NetworkPolicy rules ({@link NetworkGraph}).
     */
    default List<Edge> edges(Context context) {
        return List.of();
    }

    /**
     * The component's workloads that get a NetworkPolicy: workload name to the labels of its pods.
     */
    default Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of();
    }

    /**
     * What it pins, for the version tables: {@code image <repository>} or {@code chart <name>} to
     * the version, in a stable order.
     */
    default Map<String, String> versions(EnvironmentConfig config) {
        return Map.of();
    }

    /**
     * The Secret that holds the certificate of this public host when this component issues the
     * cluster's certificates, or null. Every Ingress asks the registry ({@link
     * Components#tlsSecret}), so that the issuer can change without touching what is served.
     */
    default @Nullable String tlsSecret(EnvironmentConfig config, String host) {
        return null;
    }

    /**
     * The names its objects take in the NeoTool namespace (Services, ServiceAccounts, Jobs): no app
     * may take them too, whether or not the component is enabled.
     */
    default java.util.Set<String> takenNames() {
        return java.util.Set.of();
    }

    /**
     * What an app that {@code uses} this component gets: env, Vault secrets, network paths ({@link
     * AppUse#NONE} when the app does not use it, or nothing can be used).
     */
    default AppUse use(EnvironmentConfig config, AppConfig app) {
        return AppUse.NONE;
    }

    /**
     * What Prometheus scrapes from it, its alerts and its dashboards when it is enabled ({@link
     * Observability} adds them up; none by default).
     */
    default io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return io.neotool.gitops.monitoring.Monitoring.NONE;
    }

    /** The Vault KV paths each of its workloads reads: role (its ServiceAccount) to paths. */
    default Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        return Map.of();
    }

    /**
     * The Flux Kustomizations of other components this one waits for, beyond what every component
     * waits for (the namespace, the network policies, the chart sources of a chart, Vault for what
     * reads it): what it cannot run without, such as PgBouncer without PostgreSQL.
     */
    default List<String> needs(EnvironmentConfig config) {
        return List.of();
    }

    /**
     * What it deploys for one app that uses it, each unit in a Flux Kustomization of the app's own
     * ({@code <app>-<unit>}) that the app waits for and nothing else does: unit name to objects.
     * PostgreSQL's is the app's database Job, so that a missing password holds up that app alone.
     */
    default Map<String, List<HasMetadata>> appUnits(Context context, AppConfig app) {
        return Map.of();
    }

    /**
     * Renovate's regex managers for the pins of its settings that the image manager (one for every
     * {@code image:} key) does not find: a Helm component's chart. Each a Renovate {@code
     * customManagers} entry, keys in the order written.
     */
    default List<Map<String, Object>> renovateManagers() {
        return List.of();
    }

    /** Renovate's package rules for its pins: what must never be bumped, or only together. */
    default List<Map<String, Object>> renovateRules() {
        return List.of();
    }
}
