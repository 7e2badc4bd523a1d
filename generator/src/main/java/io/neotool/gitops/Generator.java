package io.neotool.gitops;

import io.neotool.gitops.component.AppComponent;
import io.neotool.gitops.component.ApolloRouterComponent;
import io.neotool.gitops.component.BackupComponent;
import io.neotool.gitops.component.Component;
import io.neotool.gitops.component.Context;
import io.neotool.gitops.component.GrafanaComponent;
import io.neotool.gitops.component.HelmComponent;
import io.neotool.gitops.component.HelmSourcesComponent;
import io.neotool.gitops.component.KafkaComponent;
import io.neotool.gitops.component.LokiComponent;
import io.neotool.gitops.component.MinioComponent;
import io.neotool.gitops.component.NamespaceComponent;
import io.neotool.gitops.component.NetworkPolicyComponent;
import io.neotool.gitops.component.PgBouncerComponent;
import io.neotool.gitops.component.PostgresComponent;
import io.neotool.gitops.component.PrometheusComponent;
import io.neotool.gitops.component.PromtailComponent;
import io.neotool.gitops.component.UnleashComponent;
import io.neotool.gitops.component.VaultComponent;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.layout.ClusterReadme;
import io.neotool.gitops.layout.FluxLayout;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.render.Templates;
import java.util.ArrayList;
import java.util.List;

/** Config in, repository tree out. Pure: no disk access beyond files the config names. */
public final class Generator {
    private final Templates templates = new Templates();

    /** The Helm-deployed components, in the order their folders are listed. */
    public static List<HelmComponent> helmComponents() {
        return List.of(new VaultComponent(), new PrometheusComponent(), new LokiComponent(), new PromtailComponent(),
                new GrafanaComponent(), new MinioComponent(), new UnleashComponent(), new ApolloRouterComponent());
    }

    /** Every infrastructure component. */
    public static List<Component> components() {
        List<HelmComponent> helm = helmComponents();
        List<Component> all = new ArrayList<>();
        all.add(new NamespaceComponent());
        all.add(new NetworkPolicyComponent());
        all.add(new HelmSourcesComponent(helm));
        all.addAll(helm);
        all.add(new PostgresComponent());
        all.add(new PgBouncerComponent());
        all.add(new KafkaComponent());
        all.add(new BackupComponent());
        return all;
    }

    /** {@code clusters/<cluster>/README.md} of {@code cluster}. */
    public String readme(LoadedConfig cluster) {
        return new ClusterReadme(templates).render(cluster);
    }

    /** {@code clusters/README.md}: the versions of every config, side by side. */
    public String versionsReadme(List<LoadedConfig> all) {
        return new ClusterReadme(templates).renderVersions(all);
    }

    /** The tree of one config. */
    public OutputTree generate(LoadedConfig loaded) {
        Context context = new Context(loaded, templates);
        List<AppComponent> apps = loaded.config().apps().stream().map(AppComponent::new).toList();
        return new FluxLayout(context).build(components(), apps);
    }
}
