package io.neotool.gitops.config.load;

import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.SettingsKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Binds {@code infrastructure}: each key to the settings record its component declares, read in
 * place from the parser so that a binding error keeps its line and column.
 */
final class InfrastructureDeserializer extends ValueDeserializer<InfrastructureConfig> {
    private final Map<String, Class<? extends ComponentSettings>> types = new LinkedHashMap<>();

    InfrastructureDeserializer(List<SettingsKey<?>> settings) {
        settings.forEach(s -> types.put(s.key(), s.type()));
    }

    @Override
    public InfrastructureConfig deserialize(JsonParser p, DeserializationContext ctxt) {
        if (!p.isExpectedStartObjectToken()) {
            return (InfrastructureConfig) ctxt.handleUnexpectedToken(InfrastructureConfig.class, p);
        }
        Map<String, ComponentSettings> found = new HashMap<>();
        for (String key = p.nextName(); key != null; key = p.nextName()) {
            p.nextToken();
            Class<? extends ComponentSettings> type = types.get(key);
            if (type == null) {
                ctxt.handleUnknownProperty(p, this, InfrastructureConfig.class, key);
                p.skipChildren();
            } else {
                found.put(key, ctxt.readValue(p, type));
            }
        }
        Map<String, ComponentSettings> ordered = new LinkedHashMap<>();
        types.keySet()
                .forEach(
                        key -> {
                            if (found.get(key) != null) {
                                ordered.put(key, found.get(key));
                            }
                        });
        return new InfrastructureConfig(ordered);
    }
}
