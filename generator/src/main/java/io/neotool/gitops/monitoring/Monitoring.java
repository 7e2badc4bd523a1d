package io.neotool.gitops.monitoring;

import java.util.ArrayList;
import java.util.List;

/**
 * What a component (or an app) adds to observability: the targets Prometheus scrapes from it (named
 * for the cluster README), its alerts and its dashboards. A disabled component adds nothing, so
 * nothing watches what is not there.
 */
public record Monitoring(List<String> targets, List<Alert> alerts, List<Dashboard> dashboards) {
    public static final Monitoring NONE = new Monitoring(List.of(), List.of(), List.of());

    public Monitoring {
        targets = List.copyOf(targets);
        alerts = List.copyOf(alerts);
        dashboards = List.copyOf(dashboards);
    }

    /** This and {@code other} together, this first. */
    public Monitoring plus(Monitoring other) {
        List<String> t = new ArrayList<>(targets);
        t.addAll(other.targets);
        List<Alert> a = new ArrayList<>(alerts);
        a.addAll(other.alerts);
        List<Dashboard> d = new ArrayList<>(dashboards);
        d.addAll(other.dashboards);
        return new Monitoring(t, a, d);
    }
}
