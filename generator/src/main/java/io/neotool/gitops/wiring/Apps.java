package io.neotool.gitops.wiring;

import io.neotool.gitops.components.app.AppComponent;
import io.neotool.gitops.components.prometheus.PrometheusComponent;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.components.vault.VaultSettings;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.platform.AppUse;
import io.neotool.gitops.platform.AppWiring;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
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
public final class Apps {
    private Apps() {}

    /** The env (sorted) and the Vault secrets (file name to reference) of {@code app}. */
    public static AppWiring wiring(EnvironmentConfig config, AppConfig app) {
        Map<String, VaultRef> secrets = new LinkedHashMap<>();
        AppConfig.Uses uses = app.uses();
        Map<String, String> env = new TreeMap<>(app.env());
        env.put("PORT", String.valueOf(app.port()));
        for (Component component : Components.all()) {
            AppUse use = component.use(config, app);
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
    public static List<Edge> edges(AppConfig app, EnvironmentConfig config) {
        List<Edge> edges = new ArrayList<>();
        for (Component component : Components.all()) {
            edges.addAll(component.use(config, app).edges());
        }
        if (config.infrastructure().enabled(VaultSettings.class)
                && !AppComponent.vaultPaths(app).isEmpty()) {
            edges.add(new Edge(app.name(), VaultInjection.VAULT, VaultInjection.VAULT_PORT));
        }
        if (app.isPublic()) {
            edges.add(new Edge(Edge.TRAEFIK, app.name(), app.port()));
        }
        if (app.metricsPort() != null
                && config.infrastructure().enabled(PrometheusSettings.class)) {
            edges.add(new Edge(PrometheusComponent.SERVICE, app.name(), app.metricsPort()));
        }
        return edges;
    }
}
