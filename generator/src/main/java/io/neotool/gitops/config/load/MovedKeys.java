package io.neotool.gitops.config.load;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Keys of an earlier config layout, and where each lives now: the hint of its unknown-key error.
 */
final class MovedKeys {
    private MovedKeys() {}

    /**
     * Keys that moved to the component they belong to, with where they live now: the alert
     * thresholds left {@code infrastructure.prometheus.alerts} for their components' own settings.
     * Can go once no config in use still names them (the review of the move shows none).
     */
    private static final Map<String, String> MOVED =
            Map.of(
                    "infrastructure.prometheus.alerts.postgresConnectionsPercent",
                    "infrastructure.postgres.connectionsAlertPercent",
                    "infrastructure.prometheus.alerts.pgbouncerWaitingClients",
                    "infrastructure.pgbouncer.waitingClientsAlert",
                    "infrastructure.prometheus.alerts.kafkaConsumerLag",
                    "infrastructure.kafka.consumerLagAlert",
                    "infrastructure.prometheus.alerts.certificateExpiryDays",
                    "infrastructure.certManager.expiryAlertDays",
                    "infrastructure.prometheus.alerts.backupSlack",
                    "backups.alertSlack");

    /** Where the key at {@code path} lives now, or null when it never moved. */
    static @Nullable String newPlace(String path) {
        return MOVED.get(path);
    }
}
