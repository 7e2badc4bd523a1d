package io.neotool.gitops.components.postgres;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.UnleashSettings;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The databases of the shared PostgreSQL: one per app that declares one, and Unleash's. */
public final class Databases {
    private Databases() {}

    /**
     * A database and its owner role (named like the database).
     *
     * @param pooling the PgBouncer pool mode for it, or null for the default
     */
    public record Database(String name, VaultRef password, @Nullable String pooling) {
        /** File the Vault agent renders the owner's password into. */
        public String secretFile() {
            return "db-" + name.replace('_', '-');
        }

        /** Name for the FreeMarker templates. */
        public String getName() {
            return name;
        }

        public String getSecretFile() {
            return secretFile();
        }

        public String getPooling() {
            return pooling == null ? "" : pooling;
        }
    }

    public static List<Database> of(EnvironmentConfig config) {
        List<Database> databases = new ArrayList<>();
        for (AppConfig app : config.apps()) {
            if (app.uses().database() != null) {
                databases.add(
                        new Database(
                                app.uses().database().name(),
                                app.uses().database().password(),
                                null));
            }
        }
        var unleash = config.infrastructure().get(UnleashSettings.class);
        if (unleash != null && unleash.isEnabled()) {
            databases.add(new Database(unleash.database(), unleash.databasePassword(), "session"));
        }
        databases.sort(Comparator.comparing(Database::name));
        return databases;
    }
}
