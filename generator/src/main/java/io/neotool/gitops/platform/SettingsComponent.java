package io.neotool.gitops.platform;

import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;

/**
 * A component with a section of its own under {@code infrastructure}: it declares its name, layer
 * and settings once, in its constructor, and is enabled when that section is present and not
 * switched off.
 *
 * @param <S> the record its section binds to
 */
public abstract class SettingsComponent<S extends ComponentSettings> implements Component {
    private final String name;
    private final Layer layer;
    private final SettingsKey<S> settingsKey;

    protected SettingsComponent(String name, Layer layer, String key, Class<S> type) {
        this.name = name;
        this.layer = layer;
        this.settingsKey = new SettingsKey<>(key, type);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Layer layer() {
        return layer;
    }

    @Override
    public final SettingsKey<S> settingsKey() {
        return settingsKey;
    }

    @Override
    public boolean enabled(EnvironmentConfig config) {
        return InfrastructureConfig.enabled(config.infrastructure().get(settingsKey.type()));
    }

    /** The component's section of the config; called only when the component is enabled. */
    protected final S settings(EnvironmentConfig config) {
        return config.infrastructure().require(settingsKey.type());
    }
}
