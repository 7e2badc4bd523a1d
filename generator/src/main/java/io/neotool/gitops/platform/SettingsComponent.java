package io.neotool.gitops.platform;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;
import java.util.List;

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
        this.settingsKey = new SettingsKey<>(key, type, key, app -> claims(app));
    }

    /**
     * The keys below {@code apps[i]} of an app that name this component (for example {@code
     * uses.database}): the config is refused when one is set and the component is off.
     */
    protected List<String> claims(AppConfig app) {
        return List.of();
    }

    /** How errors name the component: its title (PgBouncer), its key by default. */
    protected String title() {
        return settingsKey.key();
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
        return new SettingsKey<>(
                settingsKey.key(), settingsKey.type(), title(), settingsKey.claims());
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
