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

    /** Vault's server configuration in the chart's values, whatever the mode. */
    private static final Pattern VAULT_CONFIG =
            Pattern.compile("^/spec/values/server/(standalone|ha|ha/raft)/config$");

    /** The storage backend of a Vault server configuration. */
    private static final Pattern VAULT_STORAGE = Pattern.compile("(?m)^storage \"([a-z0-9_]+)\"");

    /** A namespaced object as the diff names it: {@code HelmRelease production/vault}. */
    private static final Pattern OBJECT = Pattern.compile("^\\S+ ([^/ ]+)/\\S+$");

    private ObjectDangers() {}

    /**
     * Vault goes from one raft member to three, or back: the data stays with vault-0 (same node id,
     * same path), the new members join it and must each be unsealed; three back to one loses the
     * quorum unless the others leave the raft configuration first.
     */
    private static void vaultMembers(ObjectDiff diff, boolean ha, List<Danger> dangers) {
        Matcher named = OBJECT.matcher(diff.object());
        String ns = named.matches() ? named.group(1) : "<namespace>";
        String exec = "kubectl -n " + ns + " exec -ti ";
        dangers.add(
                ha
                        ? new Danger(
                                Danger.Kind.MANUAL,
                                diff.cluster(),
                                diff.object(),
                                "Vault becomes a three-member raft cluster: vault-0 keeps its data (same node id and path) once it is restarted, vault-1 and vault-2 start empty and join it (retry_join), each sealed",
                                "after Flux applied it: kubectl -n "
                                        + ns
                                        + " delete pod vault-0 (the chart updates Vault's pods only when deleted), unseal it ("
                                        + exec
                                        + "vault-0 -- vault operator unseal, once per share of the threshold), then the same on vault-1 and vault-2 once they joined; check: "
                                        + exec
                                        + "vault-0 -- env VAULT_TOKEN=<token> vault operator raft list-peers lists three voters")
                        : new Danger(
                                Danger.Kind.OUTAGE,
                                diff.cluster(),
                                diff.object(),
                                "Vault goes back to one member: vault-0 alone is not a quorum of the three-member raft configuration, so Vault stops answering",
                                "before the merge, remove the others from the raft configuration: "
                                        + exec
                                        + "vault-0 -- env VAULT_TOKEN=<token> vault operator raft remove-peer vault-2 (then vault-1); their volumes stay until deleted"));
    }

    /**
     * Vault's storage backend changes: the new backend starts empty unless the data is copied. The
     * generated server copies file-backend data into raft itself (its init container), at the pod's
     * next start, which the chart's OnDelete update strategy leaves to an operator.
     */
    private static void vaultStorage(
            ObjectDiff diff, String before, String after, List<Danger> dangers) {
        Matcher was = VAULT_STORAGE.matcher(before);
        Matcher is = VAULT_STORAGE.matcher(after);
        if (!was.find() || !is.find() || was.group(1).equals(is.group(1))) {
            return;
        }
        Matcher named = OBJECT.matcher(diff.object());
        String namespace = named.matches() ? named.group(1) : "<namespace>";
        boolean copied = was.group(1).equals("file") && is.group(1).equals("raft");
        dangers.add(
                new Danger(
                        copied ? Danger.Kind.MANUAL : Danger.Kind.DATA_LOSS,
                        diff.cluster(),
                        diff.object(),
                        "Vault's storage moves from "
                                + was.group(1)
                                + " to "
                                + is.group(1)
                                + (copied
                                        ? ": vault-0 keeps running on the file backend until it is deleted (the chart's OnDelete updates); at its next start the init container migrate-file-storage copies the data into raft (vault operator migrate), and Vault opens sealed, with the same key shares"
                                        : ": the new backend starts empty, an uninitialised Vault, and every secret and policy stays behind in the old one"),
                        copied
                                ? "after the merge, once Flux applied it: kubectl -n "
                                        + namespace
                                        + " delete pod vault-0; kubectl -n "
                                        + namespace
                                        + " logs vault-0 -c migrate-file-storage; then unseal (runbook: Vault sealed) and read a secret; the file data stays on the volume (/vault/data/core, sys, logical) until removed"
                                : "copy the data first (vault operator migrate, Vault stopped), or keep the backend"));
    }

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
            if (kind.equals("HelmRelease")
                    && field.equals("/spec/values/server/ha/enabled")
                    && change.before() != null
                    && change.after() != null
                    && !change.before().equals(change.after())) {
                vaultMembers(diff, Boolean.parseBoolean(change.after()), dangers);
            }
            if (kind.equals("HelmRelease")
                    && before != null
                    && VAULT_CONFIG.matcher(field).matches()) {
                vaultStorage(
                        diff, before.at(field).asString(""), after.at(field).asString(""), dangers);
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
