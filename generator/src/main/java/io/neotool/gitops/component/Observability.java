package io.neotool.gitops.component;

import io.neotool.gitops.config.PrometheusSettings;
import io.neotool.gitops.monitoring.Monitoring;

/**
 * Everything Prometheus and Grafana watch in one environment: the monitoring of each enabled
 * component of the registry and of the apps. Nothing when Prometheus does not run.
 */
public final class Observability {
    private Observability() {}

    public static Monitoring of(Context context) {
        if (!scraped(context)) {
            return Monitoring.NONE;
        }
        Monitoring all = Monitoring.NONE;
        for (Component component : Components.all()) {
            if (component.enabled(context.config())) {
                all = all.plus(component.monitoring(context));
            }
        }
        return all.plus(AppMonitoring.of(context));
    }

    /** Whether exporters and scrape annotations are worth adding: Prometheus runs. */
    static boolean scraped(Context context) {
        return context.config().infrastructure().enabled(PrometheusSettings.class);
    }
}
