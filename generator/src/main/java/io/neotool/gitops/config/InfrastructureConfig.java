package io.neotool.gitops.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shared infrastructure of the namespace: each component's settings under its key ({@code
 * infrastructure.<key>}). Each component is optional in the file; an absent one is disabled. Which
 * keys exist and what they bind to is declared by the components ({@link SettingsKey}), not here.
 * Chart repositories and names are facts of the component classes; versions live in the settings.
 */
public final class InfrastructureConfig {
    private final Map<String, ComponentSettings> settings;

    /** The settings present in the file, by key, in the order of the component registry. */
    public InfrastructureConfig(Map<String, ComponentSettings> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The components present in the config, by key, in the order of the component registry. */
    public Map<String, ComponentSettings> components() {
        return settings;
    }

    /** The settings of that type, or null when the config has none. */
    public <T extends ComponentSettings> @Nullable T get(Class<T> type) {
        for (ComponentSettings s : settings.values()) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        return null;
    }

    /**
     * The settings of that type, for a component that runs (its settings are then in the config).
     *
     * @throws IllegalStateException when the config has none
     */
    public <T extends ComponentSettings> T require(Class<T> type) {
        T settings = get(type);
        if (settings == null) {
            throw new IllegalStateException("the config has no " + type.getSimpleName());
        }
        return settings;
    }

    /** Whether the config has settings of that type and does not switch them off. */
    public boolean enabled(Class<? extends ComponentSettings> type) {
        return enabled(get(type));
    }

    /** Whether the config declares that the component's image cannot meet {@code control}. */
    public static boolean exempt(
            List<SecurityExemption> exemptions, SecurityExemption.Control control) {
        return exemptions.stream().anyMatch(e -> e.control() == control);
    }

    /** Whether the component under {@code infrastructure.<key>} is present and not switched off. */
    public boolean enabled(String key) {
        return enabled(settings.get(key));
    }

    /** Whether the component is in the config and not switched off. */
    public static boolean enabled(@Nullable ComponentSettings settings) {
        return settings != null && settings.isEnabled();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfrastructureConfig other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "InfrastructureConfig" + settings;
    }
}
