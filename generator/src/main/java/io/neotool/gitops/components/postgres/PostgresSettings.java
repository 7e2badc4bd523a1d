package io.neotool.gitops.components.postgres;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;
import io.neotool.gitops.config.SecurityExemption;
import io.neotool.gitops.config.VaultRef;
import org.jspecify.annotations.Nullable;

/** The shared PostgreSQL server (plain StatefulSet). */
@JsonClassDescription("PostgreSQL, one server for every app database, with its exporter.")
public record PostgresSettings(
        Boolean enabled,
        @JsonProperty(required = true) String image,
        String exporterImage,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources,
        @JsonPropertyDescription(
                        "PostgreSQL's max_connections. Default 200; the connections alert fires at connectionsAlertPercent of it.")
                Integer maxConnections,
        @JsonPropertyDescription(
                        "The PostgreSQL connections alert fires above this percentage of maxConnections. Default 80.")
                Integer connectionsAlertPercent,
        @JsonPropertyDescription(
                        "PostgreSQL's shared_buffers, in PostgreSQL units (e.g. 512MB); about a quarter of the memory limit. Default 128MB.")
                String sharedBuffers,
        @JsonPropertyDescription(
                        "Vault reference of the postgres superuser's password (the server's POSTGRES_PASSWORD_FILE, the databases Job and the backup read it).")
                @JsonProperty(required = true)
                VaultRef superuserPassword,
        @JsonPropertyDescription(
                        "Pod Security controls PostgreSQL's image cannot meet, each with the reason; they relax exactly that control for its pods, and the review lists them.")
                java.util.List<SecurityExemption> exemptions,
        @JsonPropertyDescription(
                        "The major the cluster runs now (e.g. \"17\"), set to acknowledge a planned major upgrade: without it the generator refuses an image of another major, which cannot read the old data directory (dump and restore, or pg_upgrade, first).")
                @Nullable String majorUpgradeFrom)
        implements ComponentSettings.Exported, ComponentSettings.Storage {
    /** The exporter image when the config names none (the one the project tested). */
    public static final String DEFAULT_EXPORTER =
            "quay.io/prometheuscommunity/postgres-exporter:v0.20.1";

    public PostgresSettings {
        exporterImage = exporterImage == null ? DEFAULT_EXPORTER : exporterImage;
        exemptions = exemptions == null ? java.util.List.of() : java.util.List.copyOf(exemptions);
        maxConnections = maxConnections == null ? 200 : maxConnections;
        connectionsAlertPercent = connectionsAlertPercent == null ? 80 : connectionsAlertPercent;
        sharedBuffers = sharedBuffers == null ? "128MB" : sharedBuffers;
    }

    /** The PostgreSQL major versions whose image layout the generator knows. */
    public static final java.util.SortedSet<Integer> KNOWN_MAJORS =
            java.util.Collections.unmodifiableSortedSet(
                    new java.util.TreeSet<>(java.util.List.of(13, 14, 15, 16, 17, 18)));

    /**
     * The major version the image tag starts with ({@code 18rc1} → 18, {@code 17.6-bookworm} → 17),
     * or -1.
     */
    public int major() {
        ImageRef ref = ImageRef.parse(image);
        java.util.regex.Matcher m =
                ref == null || ref.tag() == null
                        ? null
                        : java.util.regex.Pattern.compile("^(\\d+)").matcher(ref.tag());
        return m != null && m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * Where the image keeps its data: from 18 on the image's volume is {@code /var/lib/postgresql}
     * and {@code PGDATA} a versioned folder below it; up to 17 the declared volume is {@code
     * /var/lib/postgresql/data} itself, so the claim must be mounted there, or the data lands in an
     * anonymous volume that a restarted pod does not get back.
     */
    public String dataMountPath() {
        return major() >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
    }

    /** {@code PGDATA} to set, or null where the image's default lies on the claim (18 on). */
    public @Nullable String pgdata() {
        return major() >= 18 ? null : "/var/lib/postgresql/data/pgdata";
    }

    /**
     * Whether a change of major version from {@code previous} (the one the cluster runs) to this
     * image's is acknowledged as planned ({@code majorUpgradeFrom}): generate refuses it otherwise.
     */
    public boolean upgradePlannedFrom(String previous) {
        return previous.equals(majorUpgradeFrom);
    }

    @Override
    public void validate(ConfigRules rules, String path) {
        rules.check(
                connectionsAlertPercent > 0 && connectionsAlertPercent < 100,
                path + ".connectionsAlertPercent",
                connectionsAlertPercent + " is not a percentage",
                "1 to 99");
        rules.positive(path + ".maxConnections", maxConnections);
        rules.check(
                sharedBuffers.matches("^\\d+(kB|MB|GB)$"),
                path + ".sharedBuffers",
                "'" + sharedBuffers + "' is not a PostgreSQL memory size",
                "for example 256MB");
        rules.vault(path + ".superuserPassword", superuserPassword);
        ImageRef ref = ImageRef.parse(image);
        if (ref != null && ref.pinned()) {
            rules.check(
                    KNOWN_MAJORS.contains(major()),
                    path + ".image",
                    "'"
                            + image
                            + "' is not a PostgreSQL major version the generator knows (its data path depends on it)",
                    "known majors: "
                            + KNOWN_MAJORS.stream()
                                    .map(String::valueOf)
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + ", with tags like postgres:18rc1 or postgres:17.6");
        }
        if (isEnabled() && rules.config().cluster().ha()) {
            rules.requires(
                    path,
                    true,
                    "CloudNativePG (infrastructure.cloudnativePg) to run on three nodes (cluster.topology: ha)",
                    rules.config()
                            .infrastructure()
                            .enabled(
                                    io.neotool.gitops.components.cloudnativepg.CloudNativePgSettings
                                            .class));
            // CloudNativePG reads the major from the tag: digits, then a dot, '_' or '-'
            rules.check(
                    ref == null
                            || ref.tag() == null
                            || ref.tag().matches("^\\d+(\\.\\d+)*([._-].*)?$"),
                    path + ".image",
                    "CloudNativePG cannot read the PostgreSQL major from the tag of '"
                            + image
                            + "'",
                    "a tag that starts with the version and then '.', '_' or '-', as CloudNativePG requires, for example ghcr.io/cloudnative-pg/postgresql:18.1-system-trixie (release candidates such as 18rc1 are not run by CloudNativePG)");
        }
    }

    /** Three CloudNativePG instances on three nodes, one server otherwise. */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(Pods.of("", cluster.ha() ? 3 : 1, resources()));
    }
}
