package io.neotool.gitops.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a generated object comes from: a config file and the key path of its entry ({@code
 * config/production.yaml} and {@code apps.web}). Objects carry it as the annotation {@code
 * neotool.io/source: config/production.yaml#/apps/web}; validation problems use it to point at the
 * config line.
 *
 * @param file the config as the user knows it, or {@code config/*.yaml} for what every config
 *     shares
 * @param keyPath dotted key path ({@code infrastructure.postgres}, {@code apps.web})
 */
public record Source(String file, String keyPath) {

    /** The annotation value: {@code file#/key/path}. */
    public String annotation() {
        return file + "#/" + keyPath.replace('.', '/');
    }

    /** The source an annotation value names, or null when it names none. */
    public static @Nullable Source parse(String annotation) {
        int hash = annotation.indexOf("#/");
        if (hash < 0) {
            return null;
        }
        return new Source(
                annotation.substring(0, hash), annotation.substring(hash + 2).replace('/', '.'));
    }

    /**
     * Where the entry stands among {@code configs}: {@code config/production.yaml:171:5}, the app
     * found by its name ({@code apps.web} is {@code apps[2]}); "" when no config holds it.
     */
    public String locate(List<LoadedConfig> configs) {
        LoadedConfig config =
                configs.stream()
                        .filter(
                                c ->
                                        c.source().equals(file)
                                                || (file.endsWith("/*.yaml")
                                                        && c.source()
                                                                .startsWith(
                                                                        file.substring(
                                                                                0,
                                                                                file.length()
                                                                                        - 6))))
                        .findFirst()
                        .orElse(null);
        if (config == null) {
            return "";
        }
        String[] parts = keyPath.split("\\.", -1);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i == 1 && parts[0].equals("apps")) {
                List<AppConfig> apps = config.config().apps();
                int index = -1;
                for (int a = 0; a < apps.size(); a++) {
                    if (apps.get(a).name().equals(parts[1])) {
                        index = a;
                    }
                }
                if (index < 0) {
                    break;
                }
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(parts[i]);
            }
        }
        int[] at = config.sourceMap().locate(path.toString());
        return config.source() + ":" + at[0] + ":" + at[1];
    }
}
