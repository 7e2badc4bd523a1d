package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where the alerts of {@code infrastructure.prometheus.alerts} draw the line; every field has a
 * default, so an environment sets only what it wants otherwise.
 *
 * @param diskFreePercent the node's disk (which holds every local-path volume) or a volume is
 *     "almost full" below this
 * @param diskFullWithin a disk predicted to fill within this time (from the last 6 hours) alerts
 * @param postgresConnectionsPercent of {@code postgres.maxConnections}
 * @param pgbouncerWaitingClients clients waiting for a server connection for 5 minutes
 * @param kafkaConsumerLag messages an app's consumer group is behind on one of its topics
 * @param certificateExpiryDays a certificate expiring sooner alerts (cert-manager renews at 30)
 * @param backupSlack how late the last successful backup may be beyond its schedule's interval
 * @param appErrorPercent share of an app's HTTP requests answered 5xx over 5 minutes
 */
public record AlertThresholds(
        @JsonPropertyDescription(
                        "The node-disk alert fires below this free percentage. Default 10.")
                Integer diskFreePercent,
        @JsonPropertyDescription(
                        "The disk-filling alert fires when the disk would be full within this time at the rate of the last 6 hours, a Prometheus duration. Default 24h.")
                String diskFullWithin,
        @JsonPropertyDescription(
                        "The PostgreSQL connections alert fires above this percentage of maxConnections. Default 80.")
                Integer postgresConnectionsPercent,
        @JsonPropertyDescription(
                        "The PgBouncer alert fires when more clients than this have waited for 5 minutes. Default 0.")
                Integer pgbouncerWaitingClients,
        @JsonPropertyDescription(
                        "The consumer-lag alert fires when a group is more messages behind than this for 10 minutes. Default 1000.")
                Integer kafkaConsumerLag,
        @JsonPropertyDescription(
                        "The certificate alert fires this many days before expiry. Default 14.")
                Integer certificateExpiryDays,
        @JsonPropertyDescription(
                        "How late the daily backup may be before the backup-too-old alert, beyond one schedule interval, a Prometheus duration. Default 3h.")
                String backupSlack,
        @JsonPropertyDescription(
                        "The app error-rate alert fires above this percentage of 5xx answers over 5 minutes. Default 5.")
                Integer appErrorPercent) {
    /** The thresholds of an environment that sets none. */
    public static final AlertThresholds DEFAULTS =
            new AlertThresholds(10, "24h", 80, 0, 1000, 14, "3h", 5);

    public AlertThresholds {
        diskFreePercent = diskFreePercent == null ? DEFAULTS.diskFreePercent : diskFreePercent;
        diskFullWithin = diskFullWithin == null ? DEFAULTS.diskFullWithin : diskFullWithin;
        postgresConnectionsPercent =
                postgresConnectionsPercent == null
                        ? DEFAULTS.postgresConnectionsPercent
                        : postgresConnectionsPercent;
        pgbouncerWaitingClients =
                pgbouncerWaitingClients == null
                        ? DEFAULTS.pgbouncerWaitingClients
                        : pgbouncerWaitingClients;
        kafkaConsumerLag = kafkaConsumerLag == null ? DEFAULTS.kafkaConsumerLag : kafkaConsumerLag;
        certificateExpiryDays =
                certificateExpiryDays == null
                        ? DEFAULTS.certificateExpiryDays
                        : certificateExpiryDays;
        backupSlack = backupSlack == null ? DEFAULTS.backupSlack : backupSlack;
        appErrorPercent = appErrorPercent == null ? DEFAULTS.appErrorPercent : appErrorPercent;
    }

    void validate(ConfigRules rules, String path) {
        percent(rules, path + ".diskFreePercent", diskFreePercent);
        percent(rules, path + ".postgresConnectionsPercent", postgresConnectionsPercent);
        percent(rules, path + ".appErrorPercent", appErrorPercent);
        rules.check(
                pgbouncerWaitingClients >= 0,
                path + ".pgbouncerWaitingClients",
                "must be 0 or more",
                null);
        rules.positive(path + ".kafkaConsumerLag", kafkaConsumerLag);
        rules.positive(path + ".certificateExpiryDays", certificateExpiryDays);
        rules.check(
                diskFullWithin.matches("^\\d+[mhd]$"),
                path + ".diskFullWithin",
                "'" + diskFullWithin + "' is not a duration",
                "for example 24h or 2d");
        rules.check(
                backupSlack.matches("^\\d+[mh]$"),
                path + ".backupSlack",
                "'" + backupSlack + "' is not a duration",
                "for example 3h or 90m");
    }

    private static void percent(ConfigRules rules, String path, int value) {
        rules.check(value > 0 && value < 100, path, value + " is not a percentage", "1 to 99");
    }

    /** {@code 24h}, {@code 2d} or {@code 90m} in seconds. */
    public static long seconds(String duration) {
        long n = Long.parseLong(duration.substring(0, duration.length() - 1));
        return switch (duration.charAt(duration.length() - 1)) {
            case 'd' -> n * 86400;
            case 'h' -> n * 3600;
            default -> n * 60;
        };
    }
}
