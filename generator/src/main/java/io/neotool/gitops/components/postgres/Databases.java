package io.neotool.gitops.components.postgres;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.VaultRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The databases of the shared PostgreSQL: one per app that declares one, and each enabled
 * component's ({@link io.neotool.gitops.config.ComponentSettings#databases}, Unleash's).
 */
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

    /** Every database of the server, apps' and components', by name. */
    public static List<Database> of(EnvironmentConfig config) {
        List<Database> databases = new ArrayList<>(shared(config));
        for (AppConfig app : config.apps()) {
            Database db = ofApp(app);
            if (db != null) {
                databases.add(db);
            }
        }
        databases.sort(Comparator.comparing(Database::name));
        return databases;
    }

    /** The app's own database, or null when it declares none. */
    public static @Nullable Database ofApp(AppConfig app) {
        var db = app.uses().database();
        return db == null ? null : new Database(db.name(), db.password(), null);
    }

    /**
     * The databases of enabled components ({@link
     * io.neotool.gitops.config.ComponentSettings#databases}, Unleash's), by name.
     */
    public static List<Database> shared(EnvironmentConfig config) {
        List<Database> databases = new ArrayList<>();
        config.infrastructure()
                .components()
                .values()
                .forEach(
                        settings -> {
                            if (settings.isEnabled()) {
                                settings.databases()
                                        .forEach(
                                                db ->
                                                        databases.add(
                                                                new Database(
                                                                        db.name(),
                                                                        db.password(),
                                                                        db.pooling())));
                            }
                        });
        databases.sort(Comparator.comparing(Database::name));
        return databases;
    }
}
