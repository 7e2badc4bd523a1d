package io.neotool.gitops.layout;

import io.neotool.gitops.components.helmsources.HelmSourcesComponent;
import io.neotool.gitops.components.namespace.NamespaceComponent;
import io.neotool.gitops.components.networkpolicy.NetworkPolicyComponent;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.platform.Component;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Flux Kustomizations of one cluster, each named after what it deploys: one per component
 * ({@code postgres}, {@code vault}, ...), {@code <component>-resources} for the objects of the
 * kinds a chart installs, one per app ({@code web}) and one per unit a component deploys for an app
 * ({@code app-service-database}); apps given a {@code group} share one of the group's name, and
 * {@code <group>-<unit>} for their units. Each waits ({@code dependsOn}) only for what it uses, so
 * that a failure stays where it happens: an app's missing secret, its database or its crash loop
 * holds up that app alone, and a component holds up only what needs it.
 */
final class FluxUnits {
    /** One Flux Kustomization: its name, the folder it applies, what it waits for (sorted). */
    record Unit(String name, String path, List<String> dependsOn) {}

    private FluxUnits() {}

    /** The folder of a group's Kustomization, listing the folders of its apps. */
    static String groupFolder(String cluster, String name) {
        return Layer.APPS.folder(cluster) + "/_groups/" + name;
    }

    /** The name of an app's unit: {@code <app>-<unit>} (a group's: {@code <group>-<unit>}). */
    static String appUnit(String app, String unit) {
        return app + "-" + unit;
    }

    /**
     * The cluster's units: the enabled components' in registry order, then each app's, with the
     * units components deploy for it ({@code appUnits}: app name to unit name to its component).
     */
    static List<Unit> of(
            Context context,
            List<Component> components,
            Map<String, Map<String, Component>> appUnits) {
        EnvironmentConfig config = context.config();
        String cluster = context.cluster();
        List<Component> enabled = components.stream().filter(c -> c.enabled(config)).toList();
        Set<String> running = new TreeSet<>();
        enabled.forEach(c -> running.add(c.name()));
        String namespace = first(enabled, NamespaceComponent.class);
        String policies = first(enabled, NetworkPolicyComponent.class);
        String sources = first(enabled, HelmSourcesComponent.class);
        String vault =
                running.contains(io.neotool.gitops.platform.VaultInjection.VAULT)
                        ? io.neotool.gitops.platform.VaultInjection.VAULT
                        : null;
        List<Unit> units = new ArrayList<>();
        for (Component c : enabled) {
            Set<String> deps = new TreeSet<>();
            if (!c.name().equals(namespace)) {
                add(deps, namespace);
                if (!c.name().equals(policies)) {
                    add(deps, policies);
                }
            }
            if (c instanceof HelmComponent<?>) {
                add(deps, sources);
            }
            if (context.vault() && !c.vaultPaths(config).isEmpty()) {
                add(deps, vault);
            }
            c.needs(config).stream().filter(running::contains).forEach(deps::add);
            deps.remove(c.name());
            units.add(
                    new Unit(
                            c.name(),
                            c.layer().folder(cluster) + "/" + c.name(),
                            List.copyOf(deps)));
            if (!c.customResources(context).isEmpty()) {
                units.add(
                        new Unit(
                                c.name() + "-resources",
                                Layer.CONFIGS.folder(cluster) + "/" + c.name(),
                                List.of(c.name())));
            }
        }
        Map<String, Set<String>> groupDeps = new java.util.TreeMap<>();
        Map<String, Map<String, Set<String>>> groupUnitDeps = new java.util.TreeMap<>();
        for (AppConfig app : config.apps()) {
            Set<String> deps = new TreeSet<>();
            add(deps, namespace);
            add(deps, policies);
            for (Component c : enabled) {
                if (c.settingsKey() != null && !c.settingsKey().claims().apply(app).isEmpty()) {
                    deps.add(c.name());
                }
            }
            String owner = app.group() == null ? app.name() : app.group();
            Map<String, Set<String>> unitDeps = new java.util.TreeMap<>();
            appUnits.getOrDefault(app.name(), Map.of())
                    .forEach(
                            (unit, component) -> {
                                deps.add(appUnit(owner, unit));
                                Set<String> own = new TreeSet<>();
                                add(own, namespace);
                                add(own, policies);
                                own.add(component.name());
                                if (context.vault()) {
                                    add(own, vault);
                                }
                                unitDeps.put(unit, own);
                            });
            if (app.group() == null) {
                String folder = Layer.APPS.folder(cluster) + "/";
                unitDeps.forEach(
                        (unit, own) ->
                                units.add(
                                        new Unit(
                                                appUnit(app.name(), unit),
                                                folder + appUnit(app.name(), unit),
                                                List.copyOf(own))));
                units.add(new Unit(app.name(), folder + app.name(), List.copyOf(deps)));
            } else {
                groupDeps.computeIfAbsent(app.group(), g -> new TreeSet<>()).addAll(deps);
                unitDeps.forEach(
                        (unit, own) ->
                                groupUnitDeps
                                        .computeIfAbsent(
                                                app.group(), g -> new java.util.TreeMap<>())
                                        .computeIfAbsent(unit, u -> new TreeSet<>())
                                        .addAll(own));
            }
        }
        // the apps of a group: one Kustomization for them, one per unit for their units
        groupDeps.forEach(
                (group, deps) -> {
                    groupUnitDeps
                            .getOrDefault(group, Map.of())
                            .forEach(
                                    (unit, own) ->
                                            units.add(
                                                    new Unit(
                                                            appUnit(group, unit),
                                                            groupFolder(
                                                                    cluster, appUnit(group, unit)),
                                                            List.copyOf(own))));
                    units.add(new Unit(group, groupFolder(cluster, group), List.copyOf(deps)));
                });
        return units;
    }

    private static void add(Set<String> deps, @org.jspecify.annotations.Nullable String name) {
        if (name != null) {
            deps.add(name);
        }
    }

    private static @org.jspecify.annotations.Nullable String first(
            List<Component> enabled, Class<?> type) {
        return enabled.stream()
                .filter(type::isInstance)
                .map(Component::name)
                .findFirst()
                .orElse(null);
    }
}
