package io.neotool.gitops.components.prometheus;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ConfigRules;

/**
 * Where the cluster-wide alerts of {@code infrastructure.prometheus.alerts} draw the line: the
 * node's disk and the apps' error rate. A component's own thresholds sit in its own settings
 * ({@code infrastructure.postgres.connectionsAlertPercent}, ...). Every field has a default, so an
 * environment sets only what it wants otherwise.
 *
 * @param diskFreePercent the node's disk (which holds every local-path volume) or a volume is
 *     "almost full" below this
 * @param diskFullWithin a disk predicted to fill within this time (from the last 6 hours) alerts
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
                        "The app error-rate alert fires above this percentage of 5xx answers over 5 minutes. Default 5.")
                Integer appErrorPercent) {
    /** The thresholds of an environment that sets none. */
    public static final AlertThresholds DEFAULTS = new AlertThresholds(10, "24h", 5);

    public AlertThresholds {
        diskFreePercent = diskFreePercent == null ? DEFAULTS.diskFreePercent : diskFreePercent;
        diskFullWithin = diskFullWithin == null ? DEFAULTS.diskFullWithin : diskFullWithin;
        appErrorPercent = appErrorPercent == null ? DEFAULTS.appErrorPercent : appErrorPercent;
    }

    public void validate(ConfigRules rules, String path) {
        percent(rules, path + ".diskFreePercent", diskFreePercent);
        percent(rules, path + ".appErrorPercent", appErrorPercent);
        rules.check(
                diskFullWithin.matches("^\\d+[mhd]$"),
                path + ".diskFullWithin",
                "'" + diskFullWithin + "' is not a duration",
                "for example 24h or 2d");
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
