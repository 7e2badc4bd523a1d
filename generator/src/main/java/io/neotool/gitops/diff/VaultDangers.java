package io.neotool.gitops.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a change of Vault's HelmRelease does to its data and seal: another storage backend, one raft
 * member to three or back, another seal. Each is a step by hand (the chart restarts Vault only when
 * its pod is deleted) or a loss, each with its procedure.
 */
final class VaultDangers {
    /** Vault's server configuration in the chart's values, whatever the mode. */
    private static final Pattern VAULT_CONFIG =
            Pattern.compile("^/spec/values/server/(standalone|ha|ha/raft)/config$");

    /** The storage backend of a Vault server configuration. */
    private static final Pattern VAULT_STORAGE = Pattern.compile("(?m)^storage \"([a-z0-9_]+)\"");

    private VaultDangers() {}

    /** The dangers of one changed field of a HelmRelease ({@code before} null for a new one). */
    static void changed(
            ObjectDiff diff,
            Change change,
            @Nullable JsonNode before,
            JsonNode after,
            List<Danger> dangers) {
        String field = change.field();
        // where Vault's pods run: the release's namespace
        String ns = after.at("/metadata/namespace").asString("<namespace>");
        if (field.equals("/spec/values/server/ha/enabled")
                && change.before() != null
                && change.after() != null
                && !change.before().equals(change.after())) {
            vaultMembers(diff, ns, Boolean.parseBoolean(change.after()), dangers);
        }
        if (before != null && VAULT_CONFIG.matcher(field).matches()) {
            String was = before.at(field).asString("");
            String is = after.at(field).asString("");
            vaultStorage(diff, ns, was, is, dangers);
            vaultSeal(diff, ns, was, is, dangers);
        }
    }

    /** A seal stanza of a Vault server configuration: {@code seal "transit" {}}. */
    private static final Pattern VAULT_SEAL = Pattern.compile("(?m)^seal \"([a-z0-9_]+)\"");

    /**
     * Vault's seal changes (Shamir's shares to an auto-unseal, or back): the running Vault keeps
     * the old seal until an operator quorum migrates it, and stays sealed until then.
     */
    private static void vaultSeal(
            ObjectDiff diff, String ns, String before, String after, List<Danger> dangers) {
        if (before.isEmpty() || after.isEmpty()) {
            return;
        }
        Matcher was = VAULT_SEAL.matcher(before);
        Matcher is = VAULT_SEAL.matcher(after);
        String from = was.find() ? was.group(1) : "shamir";
        String to = is.find() ? is.group(1) : "shamir";
        if (from.equals(to)) {
            return;
        }
        dangers.add(
                new Danger(
                        Danger.Kind.MANUAL,
                        diff.cluster(),
                        diff.object(),
                        "Vault's seal changes from "
                                + from
                                + " to "
                                + to
                                + ": restarted on the new config, Vault stays sealed until a quorum of operators migrates the seal",
                        "after Flux applied it: kubectl -n "
                                + ns
                                + " delete pod vault-0, then kubectl -n "
                                + ns
                                + " exec -ti vault-0 -- vault operator unseal -migrate, once per "
                                + (from.equals("shamir")
                                        ? "unseal key share"
                                        : "recovery key share")
                                + " of the threshold; "
                                + (from.equals("shamir")
                                        ? "the shares become recovery keys"
                                        : "the recovery keys become unseal key shares")));
    }

    /**
     * Vault goes from one raft member to three, or back: the data stays with vault-0 (same node id,
     * same path), the new members join it and must each be unsealed; three back to one loses the
     * quorum unless the others leave the raft configuration first.
     */
    private static void vaultMembers(ObjectDiff diff, String ns, boolean ha, List<Danger> dangers) {
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
            ObjectDiff diff, String ns, String before, String after, List<Danger> dangers) {
        Matcher was = VAULT_STORAGE.matcher(before);
        Matcher is = VAULT_STORAGE.matcher(after);
        if (!was.find() || !is.find() || was.group(1).equals(is.group(1))) {
            return;
        }
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
                                        + ns
                                        + " delete pod vault-0; kubectl -n "
                                        + ns
                                        + " logs vault-0 -c migrate-file-storage; then unseal (runbook: Vault sealed) and read a secret; the file data stays on the volume (/vault/data/core, sys, logical) until removed"
                                : "copy the data first (vault operator migrate, Vault stopped), or keep the backend"));
    }
}
