package io.neotool.gitops.config;

import org.jspecify.annotations.Nullable;

/**
 * A database a component owns on the shared PostgreSQL server, as its settings declare it: the
 * databases Job creates it and its owner, the backup dumps it, PgBouncer pools it, and no app may
 * take its name.
 *
 * @param key the key below {@code infrastructure.<component>} that names it, for errors
 * @param pooling the PgBouncer pool mode it needs, or null for the pooler's default
 */
public record ServerDatabase(
        String name, String key, VaultRef password, @Nullable String pooling) {}
