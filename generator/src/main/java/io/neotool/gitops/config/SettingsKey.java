package io.neotool.gitops.config;

import java.util.List;
import java.util.function.Function;

/**
 * Where a component's settings sit in the config ({@code infrastructure.<key>}), the record they
 * bind to, and what an app's {@code uses} can name of the component. Each component declares its
 * own; the loader, the key checker, the checks and the config's JSON Schema take the list from the
 * component registry, so that adding a component adds no line here.
 *
 * @param title how an error names the component ("needs PgBouncer, which is not enabled")
 * @param claims the keys below {@code apps[i]} of an app's config that need the component running
 *     (for example {@code uses.database}), empty when the app names nothing of it
 */
public record SettingsKey<T extends ComponentSettings>(
        String key, Class<T> type, String title, Function<AppConfig, List<String>> claims) {
    public SettingsKey {
        if (!key.matches("^[a-z][A-Za-z0-9]*$")) {
            throw new IllegalArgumentException("not a config key: " + key);
        }
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
    }

    /** A component that no app's {@code uses} names, called by its key in errors. */
    public SettingsKey(String key, Class<T> type) {
        this(key, type, key, app -> List.of());
    }

    /** The key path of the settings, {@code infrastructure.<key>}. */
    public String path() {
        return "infrastructure." + key;
    }
}
