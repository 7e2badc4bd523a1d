package io.neotool.gitops.components.pgbouncer;

import io.neotool.gitops.components.postgres.Databases;
import io.neotool.gitops.components.postgres.PostgresComponent;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Workloads;
import java.util.Map;

/**
 * pgbouncer.ini: a pool per database of the server (apps' and components'), each to PostgreSQL,
 * logins looked up through {@code auth_query} as the auth user whose password the Vault agent
 * renders into the auth file.
 */
final class PgBouncerIni {
    private PgBouncerIni() {}

    static String render(Context context, PgBouncerSettings b) {
        return context.templates()
                .render(
                        "pgbouncer.ini.ftl",
                        Map.of(
                                "databases",
                                Databases.of(context.config()),
                                "postgresHost",
                                PostgresComponent.SERVICE,
                                "postgresPort",
                                PostgresComponent.PORT,
                                "port",
                                PgBouncerComponent.PORT,
                                "poolMode",
                                b.poolMode().value(),
                                "maxClientConn",
                                b.maxClientConn(),
                                "defaultPoolSize",
                                b.defaultPoolSize(),
                                "authFile",
                                Workloads.VAULT_SECRETS_DIR + PgBouncerComponent.USERLIST_FILE));
    }
}
