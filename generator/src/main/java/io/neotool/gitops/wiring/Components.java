package io.neotool.gitops.wiring;

import io.neotool.gitops.components.apollorouter.ApolloRouterComponent;
import io.neotool.gitops.components.backup.BackupComponent;
import io.neotool.gitops.components.certmanager.CertManagerComponent;
import io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent;
import io.neotool.gitops.components.grafana.GrafanaComponent;
import io.neotool.gitops.components.helmsources.HelmSourcesComponent;
import io.neotool.gitops.components.kafka.KafkaComponent;
import io.neotool.gitops.components.loki.LokiComponent;
import io.neotool.gitops.components.minio.MinioComponent;
import io.neotool.gitops.components.namespace.NamespaceComponent;
import io.neotool.gitops.components.networkpolicy.NetworkPolicyComponent;
import io.neotool.gitops.components.pgbouncer.PgBouncerComponent;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.components.prometheus.PrometheusComponent;
import io.neotool.gitops.components.promtail.PromtailComponent;
import io.neotool.gitops.components.strimzi.StrimziComponent;
import io.neotool.gitops.components.unleash.UnleashComponent;
import io.neotool.gitops.components.vault.VaultComponent;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.load.ConfigLoader;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.HelmComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The registry of what the generator deploys: every infrastructure component, in the order their
 * folders are listed. The layout, the network graph and the cluster README loop over it.
 */
public final class Components {
    private Components() {}

    /** The Helm-deployed components. */
    private static final List<HelmComponent<?>> HELM =
            List.of(
                    new VaultComponent(),
                    new PrometheusComponent(),
                    new LokiComponent(),
                    new PromtailComponent(),
                    new GrafanaComponent(),
                    new MinioComponent(),
                    new UnleashComponent(),
                    new ApolloRouterComponent(),
                    new CertManagerComponent(),
                    new CloudNativePgComponent(),
                    new StrimziComponent());

    /** Every infrastructure component, in the order they are laid out. */
    private static final List<Component> ALL = all(HELM);

    /** The Helm-deployed components (stateless: built once, shared). */
    public static List<HelmComponent<?>> helm() {
        return HELM;
    }

    /** Every infrastructure component (stateless: built once, shared). */
    public static List<Component> all() {
        return ALL;
    }

    private static List<Component> all(List<HelmComponent<?>> helm) {
        List<Component> all = new ArrayList<>();
        all.add(new NamespaceComponent());
        all.add(new NetworkPolicyComponent());
        all.add(new HelmSourcesComponent(helm));
        all.addAll(helm);
        all.add(new PostgresComponent());
        all.add(new PgBouncerComponent());
        all.add(new KafkaComponent());
        all.add(new BackupComponent());
        return List.copyOf(all);
    }

    /**
     * The Secret an Ingress for {@code host} serves its certificate from, or null when no enabled
     * component issues certificates (Traefik then serves its default one).
     */
    public static @Nullable String tlsSecret(EnvironmentConfig config, String host) {
        for (Component component : all()) {
            if (component.enabled(config)) {
                String secret = component.tlsSecret(config, host);
                if (secret != null) {
                    return secret;
                }
            }
        }
        return null;
    }

    /**
     * Every name an infrastructure component takes: in the namespace, and as a Flux Kustomization
     * (its own name, its resources', flux-system), which apps' Kustomizations share.
     */
    public static Set<String> reservedNames() {
        Set<String> names = new TreeSet<>();
        names.add("flux-system");
        all().forEach(
                        c -> {
                            names.addAll(c.takenNames());
                            names.add(c.name());
                            names.add(c.name() + "-resources");
                        });
        return names;
    }

    /** The config loader for the components of the registry. */
    public static ConfigLoader loader() {
        return new ConfigLoader(settings(), reservedNames());
    }

    /** Where each component's settings sit in the config, in the order of the registry. */
    public static List<SettingsKey<?>> settings() {
        List<SettingsKey<?>> keys = new ArrayList<>();
        for (Component component : all()) {
            if (component.settingsKey() != null) {
                keys.add(component.settingsKey());
            }
        }
        return keys;
    }
}
