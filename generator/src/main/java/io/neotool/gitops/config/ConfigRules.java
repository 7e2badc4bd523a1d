package io.neotool.gitops.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks a config's values go through, each adding a located problem (file, line, column, key
 * path, hint): names, quantities, durations, pinned images and charts, Vault references, hosts
 * under the domain, and one component needing another. The config's parts apply them to themselves
 * ({@link ComponentSettings#validate}); the loader's validator to what spans the file.
 */
public final class ConfigRules {
    public static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    public static final Pattern DNS_NAME =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$");
    static final Pattern CHART_VERSION =
            Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$");
    static final Pattern MEMORY =
            Pattern.compile("^\\d+(\\.\\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$");
    static final Pattern CPU = Pattern.compile("^(\\d+(\\.\\d+)?|\\d+m)$");
    static final Pattern DURATION = Pattern.compile("^(\\d+(ms|s|m|h))+$");
    public static final Pattern KUBERNETES_VERSION = Pattern.compile("^1\\.(\\d+)$");
    static final Pattern VAULT_PATH =
            Pattern.compile("^[a-z0-9][a-z0-9_-]*/data(/[A-Za-z0-9_.-]+)+$");
    static final Pattern VAULT_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*$");
    public static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    static final Pattern SQL_NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    public static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");
    static final Pattern CRON_FIELD =
            Pattern.compile("^(\\*|\\d+(-\\d+)?)(/\\d+)?(,(\\*|\\d+(-\\d+)?)(/\\d+)?)*$");
    public static final int MIN_KUBERNETES_MINOR = 30;
    public static final int MAX_KUBERNETES_MINOR = 35;

    private final SourceMap map;
    private final List<ConfigProblem> problems;
    private final EnvironmentConfig config;
    private final @Nullable Path baseDir;
    private final java.util.Set<String> reservedNames;
    private final List<SettingsKey<?>> settings;

    /** Every component's settings key, present in the config or not, in registry order. */
    public List<SettingsKey<?>> settings() {
        return settings;
    }

    /**
     * The names the infrastructure takes in the namespace (Services, Jobs): no app may take them.
     */
    public java.util.Set<String> reservedNames() {
        return reservedNames;
    }

    public ConfigRules(
            SourceMap map,
            List<ConfigProblem> problems,
            EnvironmentConfig config,
            @Nullable Path baseDir,
            java.util.Set<String> reservedNames,
            List<SettingsKey<?>> settings) {
        this.reservedNames = reservedNames;
        this.settings = settings;
        this.map = map;
        this.problems = problems;
        this.config = config;
        this.baseDir = baseDir;
    }

    /** The config being checked (for the rules that relate one part to another). */
    public EnvironmentConfig config() {
        return config;
    }

    /** The config's folder, or null when the config has no file (parsed from text). */
    @Nullable
    public Path baseDir() {
        return baseDir;
    }

    static boolean enabled(@Nullable ComponentSettings component) {
        return InfrastructureConfig.enabled(component);
    }

    public void requires(String path, boolean active, String what, boolean present) {
        check(
                !active || present,
                path,
                "needs " + what + ", which is not enabled",
                "enable it under infrastructure, or remove the dependency");
    }

    public boolean check(boolean ok, String path, String message, @Nullable String hint) {
        if (!ok) {
            problems.add(map.problem(path, message, hint));
        }
        return ok;
    }

    public boolean dnsLabel(String path, String value) {
        return check(
                DNS_LABEL.matcher(value).matches(),
                path,
                "'" + printable(value) + "' is not a valid name",
                "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    }

    public boolean sqlName(String path, String value) {
        return check(
                SQL_NAME.matcher(value).matches(),
                path,
                "'" + printable(value) + "' is not a database name",
                "lower-case letters, digits and '_'");
    }

    public void duration(String path, String value) {
        check(
                DURATION.matcher(value).matches(),
                path,
                "'" + value + "' is not a duration",
                "for example 1m, 30s or 1h30m");
    }

    /** A five-field cron schedule: numbers, ranges, steps and lists (what the alerts can walk). */
    public void cron(String path, String schedule) {
        String[] fields = schedule.trim().split("\\s+", -1);
        boolean cron = fields.length == 5;
        for (String field : fields) {
            cron &= CRON_FIELD.matcher(field).matches();
        }
        check(
                cron,
                path,
                "'" + schedule + "' is not a cron schedule",
                "five fields: minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\"");
    }

    public void positive(String path, Integer value) {
        check(value != null && value > 0, path, "expected a positive integer, got " + value, null);
    }

    public void image(String path, String value) {
        ImageRef ref = ImageRef.parse(value);
        if (!check(
                        ref != null,
                        path,
                        "'" + printable(value) + "' is not an image reference",
                        "repository:tag, e.g. postgres:18rc1")
                || ref == null) {
            return;
        }
        check(
                ref.pinned(),
                path,
                ref.tag() == null
                        ? "image '" + value + "' has no tag"
                        : "image tag '" + ref.tag() + "' is not pinned",
                "pin a released version, e.g. " + ref.repository() + ":<version>");
    }

    public void chart(String path, String version) {
        check(
                CHART_VERSION.matcher(version).matches(),
                path + ".chartVersion",
                "chart version '" + version + "' is not pinned",
                "an exact version such as 1.2.3, not a range");
    }

    /** Whether {@code value} is a CPU quantity (cores or millicores). */
    public static boolean cpu(String value) {
        return CPU.matcher(value).matches();
    }

    public void memory(String path, String value) {
        check(
                MEMORY.matcher(value).matches(),
                path,
                "'" + value + "' is not a Kubernetes quantity",
                suggestQuantity(value));
    }

    public void resources(String path, Resources r) {
        if (r.requests() != null) {
            check(
                    CPU.matcher(r.requests().cpu()).matches(),
                    path + ".requests.cpu",
                    "'" + r.requests().cpu() + "' is not a CPU quantity",
                    "for example 250m or 1");
            memory(path + ".requests.memory", r.requests().memory());
        }
        if (r.limits() != null) {
            check(
                    CPU.matcher(r.limits().cpu()).matches(),
                    path + ".limits.cpu",
                    "'" + r.limits().cpu() + "' is not a CPU quantity",
                    "for example 500m or 2");
            memory(path + ".limits.memory", r.limits().memory());
        }
    }

    public void vault(String path, VaultRef ref) {
        check(
                VAULT_PATH.matcher(ref.path()).matches(),
                path + ".path",
                "'" + printable(ref.path()) + "' is not a Vault KV v2 path",
                "<mount>/data/<path>, e.g. secret/data/postgres/superuser");
        check(
                VAULT_KEY.matcher(ref.key()).matches(),
                path + ".key",
                "'" + printable(ref.key()) + "' is not a Vault key name",
                null);
    }

    public void host(String path, @Nullable String host, String domain) {
        if (host == null) {
            return;
        }
        check(
                DNS_NAME.matcher(host).matches()
                        && (host.equals(domain) || host.endsWith("." + domain)),
                path,
                "host '" + host + "' is not under the cluster domain '" + domain + "'",
                "for example app." + domain);
    }

    static String suggestQuantity(String value) {
        var m =
                Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([KMGTPE])i?B$", Pattern.CASE_INSENSITIVE)
                        .matcher(value);
        if (m.matches()) {
            return "write " + m.group(1) + m.group(2).toUpperCase(Locale.ROOT) + "i";
        }
        return "for example 512Mi or 10Gi";
    }

    static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }
}
