package io.neotool.gitops.wiring;

import io.neotool.gitops.components.loki.LokiSettings;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.components.vault.VaultSettings;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.AppWiring;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.Shared;
import io.neotool.gitops.render.Templates;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The facts that units share, answered from the registry: the one {@link Shared} every {@link
 * Context} carries. Stateless, so that the same config always gives the same answers.
 */
public final class Wiring implements Shared {
    private static final Wiring INSTANCE = new Wiring();

    private Wiring() {}

    /** The context components generate in: the config, the templates and the shared facts. */
    public static Context context(LoadedConfig loaded, Templates templates) {
        return new Context(loaded, templates, INSTANCE);
    }

    @Override
    public boolean scraped(Context context) {
        return context.config().infrastructure().enabled(PrometheusSettings.class);
    }

    @Override
    public boolean logged(Context context) {
        return context.config().infrastructure().enabled(LokiSettings.class);
    }

    @Override
    public boolean vault(Context context) {
        return context.config().infrastructure().enabled(VaultSettings.class);
    }

    @Override
    public @Nullable String tlsSecret(Context context, String host) {
        for (Component component : Components.all()) {
            if (component.enabled(context.config())) {
                String secret = component.tlsSecret(context.config(), host);
                if (secret != null) {
                    return secret;
                }
            }
        }
        return null;
    }

    @Override
    public Monitoring monitoring(Context context) {
        return Observability.of(context);
    }

    @Override
    public List<Edge> edges(Context context) {
        return NetworkGraph.of(context);
    }

    @Override
    public Map<String, Map<String, String>> selectors(Context context) {
        return NetworkGraph.selectors(context.config());
    }

    @Override
    public String namespaceOf(Context context, String workload) {
        return NetworkGraph.namespace(context.config(), workload);
    }

    @Override
    public AppWiring wiring(Context context, AppConfig app) {
        return Apps.wiring(context.config(), app);
    }
}
