package io.neotool.gitops.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Data dangers read from one changed object's fields: PostgreSQL's major version changed in place,
 * an app pointed at another database, a claim's access modes changed.
 */
public final class ObjectDangers {
    /** A container's image: the field the structural diff names. */
    private static final Pattern IMAGE = Pattern.compile(".*/containers\\[name=[^\\]]+]/image$");

    /** The leading version of a tag: 18 of 18rc1, 17 of 17.6, 9.6 of 9.6.24 (before 10). */
    private static final Pattern MAJOR = Pattern.compile("^(9\\.\\d+|\\d+)");

    private ObjectDangers() {}

    static void changed(
            ObjectDiff diff,
            String kind,
            @Nullable JsonNode before,
            JsonNode after,
            List<Danger> dangers) {
        for (Change change : diff.changes()) {
            String field = change.field();
            if (kind.equals("StatefulSet")
                    && IMAGE.matcher(field).matches()
                    && change.before() != null
                    && change.after() != null) {
                postgresMajor(diff, change.before(), change.after(), dangers);
            }
            if (kind.equals("HelmRelease")) {
                VaultDangers.changed(diff, change, before, after, dangers);
            }
            if (field.endsWith("/env[name=DATABASE_NAME]/value")
                    && change.before() != null
                    && change.after() != null) {
                dangers.add(
                        new Danger(
                                Danger.Kind.DATA_LOSS,
                                diff.cluster(),
                                diff.object(),
                                "now uses database '"
                                        + change.after()
                                        + "' instead of '"
                                        + change.before()
                                        + "': the app starts on a new, empty database; '"
                                        + change.before()
                                        + "' and its data stay on the server, no longer backed up",
                                "to keep the data under the new name, rename it on the server before the merge: "
                                        + "ALTER DATABASE \""
                                        + change.before()
                                        + "\" RENAME TO \""
                                        + change.after()
                                        + "\" (and the owner role alike); or keep the old name"));
            }
            if (field.endsWith("/accessModes") || field.contains("/accessModes[")) {
                dangers.add(
                        new Danger(
                                Danger.Kind.DATA_LOSS,
                                diff.cluster(),
                                diff.object(),
                                field
                                        + " changes: an existing volume keeps its access mode, and a claim or claim template cannot change it in place",
                                "keep the access mode, or move the data to a new volume (backup and restore)"));
            }
        }
    }

    /** PostgreSQL's major version: the new server cannot read the old one's data directory. */
    private static void postgresMajor(
            ObjectDiff diff, String before, String after, List<Danger> dangers) {
        String was = postgresMajor(before);
        String is = postgresMajor(after);
        if (was == null || is == null || was.equals(is)) {
            return;
        }
        dangers.add(
                new Danger(
                        Danger.Kind.DATA_LOSS,
                        diff.cluster(),
                        diff.object(),
                        "PostgreSQL's major version changes in place, "
                                + was
                                + " -> "
                                + is
                                + ": the new server cannot read the old data directory (it refuses to start, or, at a "
                                + "different data path, starts empty)",
                        "plan the upgrade: dump every database (the backup's dumps), start "
                                + is
                                + " on a new volume and restore; or pg_upgrade the data directory; "
                                + "then acknowledge it in the config: infrastructure.postgres.majorUpgradeFrom: \""
                                + was
                                + "\""));
    }

    /** The major version of a {@code postgres} image, or null for another image. */
    public static @Nullable String postgresMajor(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < 0 || image.lastIndexOf('/') > colon) {
            return null;
        }
        String repository = image.substring(0, colon);
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        if (!name.equals("postgres") && !name.equals("postgresql")) {
            return null;
        }
        Matcher m = MAJOR.matcher(image.substring(colon + 1));
        return m.find() ? m.group(1) : null;
    }
}
