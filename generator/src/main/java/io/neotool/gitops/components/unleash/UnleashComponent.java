package io.neotool.gitops.components.unleash;

import io.neotool.gitops.components.pgbouncer.PgBouncerComponent;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.AppUse;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unleash on the shared PostgreSQL (through PgBouncer, in session pooling for its database). The
 * database URL, with its password, is rendered by the Vault agent into a file and read through
 * Unleash's {@code DATABASE_URL_FILE}; the chart's own password value stays empty, and its bundled
 * PostgreSQL subchart is off.
 *
 * <p>The chart (5.6.6) cannot turn off the ServiceAccount token mount, and takes extra pod volumes
 * only together with a ConfigMap volume of its own that it renders only from {@code configMaps}; so
 * the Vault agent authenticates with the token the pod mounts anyway, and no token volume is named.
 */
public final class UnleashComponent extends HelmComponent<UnleashSettings> {
    /** Where the chart comes from: Unleash's repository. */
    static final ChartSource CHARTS =
            new ChartSource("unleash", "https://docs.getunleash.io/helm-charts");

    public static final String SERVICE = "unleash";
    public static final int PORT = 4242;
    static final String DATABASE_URL_FILE = "database-url";

    /** UID and GID of the {@code node} user the image runs as. */
    static final long UID = 1000;

    public UnleashComponent() {
        super("unleash", Layer.CONFIGS, "unleash", UnleashSettings.class, CHARTS, "unleash");
    }

    @Override
    protected String title() {
        return "Unleash";
    }

    /** An app with feature flags reads them from Unleash. */
    @Override
    protected List<String> claims(AppConfig app) {
        return app.uses().featureFlags() ? List.of("uses.featureFlags") : List.of();
    }

    @Override
    protected boolean vaultInjected() {
        return true;
    }

    @Override
    protected Map<String, Object> values(Context context) {
        EnvironmentConfig config = context.config();
        UnleashSettings u = settings(config);
        ImageRef image = ImageRef.of(u.image());
        VaultRef password = u.databasePassword();
        String urlTemplate =
                "{{- with secret \""
                        + password.path()
                        + "\" -}}postgres://"
                        + u.database()
                        + ":{{ ."
                        + "Data.data."
                        + password.key()
                        // URL userinfo: percent-encoded (urlquery writes a space as +, which a
                        // URL's
                        // userinfo keeps as +: it becomes %20; a + of the password is already %2B)
                        + " | urlquery | replaceAll \"+\" \"%20\" }}@"
                        + PgBouncerComponent.SERVICE
                        + ":"
                        + PgBouncerComponent.PORT
                        + "/"
                        + u.database()
                        + "{{- end }}";
        Map<String, String> annotations =
                new TreeMap<>(VaultInjection.vaultAnnotations(name(), Map.of(), false));
        annotations.put(
                "vault.hashicorp.com/agent-inject-secret-" + DATABASE_URL_FILE, password.path());
        annotations.put(
                "vault.hashicorp.com/agent-inject-template-" + DATABASE_URL_FILE, urlTemplate);
        Map<String, Object> values = new TreeMap<>();
        values.put(
                "image",
                Map.of(
                        "repository",
                        image.repository(),
                        "tag",
                        image.tag(),
                        "pullPolicy",
                        "IfNotPresent"));
        values.put("replicaCount", u.replicas());
        io.neotool.gitops.platform.Spread.chartValues(
                values,
                context.config(),
                u.replicas(),
                name(),
                Map.of("enabled", true, "maxUnavailable", 1));
        values.put("resources", Workloads.resourceValues(u.resources()));
        values.put(
                "dbConfig",
                Map.of(
                        "host",
                        PgBouncerComponent.SERVICE,
                        "port",
                        PgBouncerComponent.PORT,
                        "database",
                        u.database(),
                        "user",
                        u.database(),
                        "pass",
                        ""));
        values.put(
                "env",
                List.of(
                        Map.of(
                                "name",
                                "DATABASE_URL_FILE",
                                "value",
                                Workloads.VAULT_SECRETS_DIR + DATABASE_URL_FILE)));
        values.put("podAnnotations", annotations);
        // the chart cannot turn the API token's mount off; the agent logs in with this one instead
        values.put("volumes", List.of(VaultInjection.vaultTokenVolumeValue()));
        values.put("serviceAccount", Map.of("create", true, "name", name()));
        values.put("postgresql", Map.of("enabled", false));
        values.put("podSecurityContext", PodSecurity.restrictedPodValues(UID, UID));
        values.put("securityContext", PodSecurity.restrictedContainerValues(UID, UID));
        if (u.host() != null) {
            values.put("ingress", Workloads.chartIngress(context, u.host(), "/"));
        }
        return values;
    }

    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges =
                new java.util.ArrayList<>(
                        List.of(
                                new Edge(
                                        SERVICE,
                                        PgBouncerComponent.SERVICE,
                                        PgBouncerComponent.PORT),
                                new Edge(SERVICE, "vault", VaultInjection.VAULT_PORT)));
        if (settings(context.config()).host() != null) {
            edges.add(new Edge(Edge.TRAEFIK, SERVICE, PORT));
        }
        return edges;
    }

    @Override
    public Map<String, List<String>> vaultPaths(EnvironmentConfig config) {
        return Map.of(SERVICE, List.of(settings(config).databasePassword().path()));
    }

    /** Feature flags: Unleash's API. */
    @Override
    public AppUse use(EnvironmentConfig config, AppConfig app) {
        if (!app.uses().featureFlags()) {
            return AppUse.NONE;
        }
        return AppUse.of(
                app.name(),
                Map.of("UNLEASH_URL", "http://" + SERVICE + ":" + PORT + "/api"),
                SERVICE,
                PORT);
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("unleash");
    }

    /** Unleash migrates its database through PgBouncer when it starts. */
    @Override
    public List<String> needs(EnvironmentConfig config) {
        return List.of(PgBouncerComponent.SERVICE);
    }
}
