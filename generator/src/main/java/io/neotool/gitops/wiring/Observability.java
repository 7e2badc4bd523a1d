package io.neotool.gitops.wiring;

import io.neotool.gitops.components.app.AppMonitoring;
import io.neotool.gitops.monitoring.Monitoring;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;

/**
 * Everything Prometheus and Grafana watch in one environment: the monitoring of each enabled
 * component of the registry and of the apps. Nothing when Prometheus does not run.
 */
public final class Observability {
    private Observability() {}

    public static Monitoring of(Context context) {
        if (!context.scraped()) {
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
}
