package io.neotool.gitops.config;

/**
 * Where a component's settings sit in the config ({@code infrastructure.<key>}) and the record they
 * bind to. Each component declares its own; the loader, the key checker and the config's JSON
 * Schema take the list from the component registry, so that adding a component adds no line here.
 */
public record SettingsKey<T extends ComponentSettings>(String key, Class<T> type) {
    public SettingsKey {
        if (!key.matches("^[a-z][A-Za-z0-9]*$")) {
            throw new IllegalArgumentException("not a config key: " + key);
        }
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
    }

    /** The key path of the settings, {@code infrastructure.<key>}. */
    public String path() {
        return "infrastructure." + key;
    }
}
