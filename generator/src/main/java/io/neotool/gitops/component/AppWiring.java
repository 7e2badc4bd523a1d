package io.neotool.gitops.component;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an app gets from what it {@code uses}: each component's part ({@link Component#use}: the env
 * that points the app there, the Vault secrets, the network paths), then the app's own secrets, its
 * public route, its metrics and its way to Vault.
 */
public record AppWiring(Map<String, String> env, Map<String, VaultRef> secrets) {

    /** The env (sorted) and the Vault secrets (file name to reference) of {@code app}. */
    public static AppWiring of(AppConfig app) {
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        AppConfig.Uses uses = app.uses();
        Map<String, String> env = new TreeMap<>(app.env());
        env.put("PORT", String.valueOf(app.port()));
        for (Component component : Components.all()) {
            AppUse use = component.use(app);
            env.putAll(use.env());
            secrets.putAll(use.secrets());
        }
        for (AppConfig.Secret secret : uses.secrets()) {
            env.put(
                    secret.env().toUpperCase(Locale.ROOT) + "_FILE",
                    Workloads.VAULT_SECRETS_DIR + secret.name());
            secrets.put(secret.name(), secret.from());
        }
        return new AppWiring(env, secrets);
    }

    /** The paths an app's {@code uses} implies, its public route and its metrics. */
    public static List<NetworkGraph.Edge> edges(AppConfig app, EnvironmentConfig config) {
        List<NetworkGraph.Edge> edges = new ArrayList<>();
        for (Component component : Components.all()) {
            edges.addAll(component.use(app).edges());
        }
        if (NetworkGraph.vault(config) && !AppComponent.vaultPaths(app).isEmpty()) {
            edges.add(new NetworkGraph.Edge(app.name(), "vault", NetworkGraph.VAULT_PORT));
        }
        if (app.isPublic()) {
            edges.add(new NetworkGraph.Edge(NetworkGraph.TRAEFIK, app.name(), app.port()));
        }
        if (app.metricsPort() != null && NetworkGraph.prometheus(config)) {
            edges.add(
                    new NetworkGraph.Edge(
                            PrometheusComponent.SERVICE, app.name(), app.metricsPort()));
        }
        return edges;
    }
}
