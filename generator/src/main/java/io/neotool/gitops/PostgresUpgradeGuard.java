package io.neotool.gitops;

import io.neotool.gitops.components.postgres.PostgresSettings;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.diff.ObjectDangers;
import io.neotool.gitops.output.OutputTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Refuses to write a PostgreSQL major version change in place: the StatefulSet on disk runs one
 * major, the config asks for another, and the new server cannot read the old data directory. The
 * config acknowledges a planned upgrade with {@code infrastructure.postgres.majorUpgradeFrom}.
 */
final class PostgresUpgradeGuard {
    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s*(?:- )?image: \"?([^\"\\s]+)");

    private PostgresUpgradeGuard() {}

    static void check(List<LoadedConfig> configs, OutputTree tree, Path outputDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (LoadedConfig config : configs) {
            PostgresSettings pg = config.config().infrastructure().get(PostgresSettings.class);
            if (pg == null || !InfrastructureConfig.enabled(pg)) {
                continue;
            }
            String cluster = config.config().cluster().name();
            for (String path : tree.files().keySet()) {
                if (!path.startsWith("infrastructure/" + cluster + "/")
                        || !path.endsWith("/statefulset-postgres.yaml")) {
                    continue;
                }
                String running = runningMajor(outputDir.resolve(path));
                // both sides read by one parser: the review's, which names the same change
                String wanted = ObjectDangers.postgresMajor(pg.image());
                if (running != null
                        && wanted != null
                        && !running.equals(wanted)
                        && !pg.upgradePlannedFrom(running)) {
                    problems.add(
                            config.sourceMap()
                                    .problem(
                                            "infrastructure.postgres.image",
                                            "PostgreSQL's major version would change in place, "
                                                    + running
                                                    + " -> "
                                                    + wanted
                                                    + " ("
                                                    + path
                                                    + "): the new server cannot read the data directory of "
                                                    + running,
                                            "plan the upgrade first (dump every database and restore it into "
                                                    + wanted
                                                    + " on a new volume, or pg_upgrade), then acknowledge it: "
                                                    + "infrastructure.postgres.majorUpgradeFrom: \""
                                                    + running
                                                    + "\""));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** The PostgreSQL major of the StatefulSet written before, or null when there is none. */
    private static @Nullable String runningMajor(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Matcher m = IMAGE.matcher(Files.readString(file));
            while (m.find()) {
                String major = ObjectDangers.postgresMajor(m.group(1));
                if (major != null) {
                    return major;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
