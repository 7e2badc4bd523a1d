package io.neotool.gitops.components.helmsources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.flux.HelmRepository;
import io.neotool.gitops.flux.OCIRepository;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The chart sources of the enabled Helm components, one each, in the controllers layer. */
public final class HelmSourcesComponent implements Component {
    private final List<HelmComponent<?>> charts;

    public HelmSourcesComponent(List<HelmComponent<?>> charts) {
        this.charts = List.copyOf(charts);
    }

    @Override
    public String name() {
        return "sources";
    }

    @Override
    public Layer layer() {
        return Layer.CONTROLLERS;
    }

    @Override
    public String configPath() {
        return "infrastructure";
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return charts.stream().anyMatch(c -> c.enabled(config));
    }

    @Override
    public List<HasMetadata> objects(Context context) {
        Map<ChartSource, HelmComponent<?>> used = new TreeMap<>();
        for (HelmComponent<?> chart : charts) {
            if (chart.enabled(context.config())) {
                HelmComponent<?> first = used.putIfAbsent(chart.source(), chart);
                if (first != null && !first.source().equals(chart.source())) {
                    throw new IllegalStateException(
                            "charts "
                                    + first.chart()
                                    + " and "
                                    + chart.chart()
                                    + " name one source "
                                    + chart.source().sourceName()
                                    + " with two URLs");
                }
            }
        }
        List<HasMetadata> objects = new ArrayList<>();
        used.forEach(
                (source, chart) -> {
                    if (source.oci()) {
                        objects.add(
                                new OCIRepository(
                                        source.sourceName(),
                                        context.namespace(),
                                        new OCIRepository.Spec(
                                                ChartSource.INTERVAL,
                                                source.url(),
                                                new OCIRepository.Ref(
                                                        chart.chartVersion(context.config())),
                                                new OCIRepository.LayerSelector(
                                                        OCIRepository.HELM_CHART_MEDIA_TYPE,
                                                        "copy"))));
                    } else {
                        objects.add(
                                new HelmRepository(
                                        source.sourceName(),
                                        context.namespace(),
                                        new HelmRepository.Spec(
                                                ChartSource.INTERVAL, source.url())));
                    }
                });
        return objects;
    }
}
