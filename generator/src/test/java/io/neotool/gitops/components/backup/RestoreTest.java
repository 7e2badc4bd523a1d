package io.neotool.gitops.components.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.wiring.Wiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing lost: beside the backup, a restore an operator starts, a weekly drill that proves the
 * latest backup restores, Vault's daily snapshot, and the alerts that say when either stopped
 * working. The scripts' steps run for real in {@code .ci/programs/backup.sh} and {@code vault.sh}.
 */
class RestoreTest {
    private static final String BACKUP = "infrastructure/production/configs/backup/";

    private static List<String> steps(JsonNode cronJob, String containers) {
        List<String> names = new ArrayList<>();
        cronJob.at("/spec/jobTemplate/spec/template/spec/" + containers)
                .forEach(
                        c ->
                                names.add(
                                        c.path("name").asString()
                                                + " "
                                                + c.at("/command/2").asString()));
        return names;
    }

    private static Map<String, String> env(JsonNode cronJob, String containers) {
        Map<String, String> env = new java.util.TreeMap<>();
        cronJob.at("/spec/jobTemplate/spec/template/spec/" + containers)
                .forEach(
                        c ->
                                c.path("env")
                                        .forEach(
                                                e ->
                                                        env.put(
                                                                e.path("name").asString(),
                                                                e.path("value").asString())));
        return env;
    }

    /** The one script every backup step runs. */
    private static String script(OutputTree tree) {
        return Trees.yaml(tree, BACKUP + "configmap-database-backup-script.yaml")
                .at("/data/backup.sh")
                .asString();
    }

    @Test
    void theRestoreIsASuspendedCronJobWhoseParametersAnOperatorSets() {
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode restore = Trees.yaml(tree, BACKUP + "cronjob-database-restore.yaml");
        assertThat(restore.at("/spec/suspend").asBoolean()).isTrue();
        assertThat(restore.at("/spec/jobTemplate/spec/backoffLimit").asInt())
                .as("never retried")
                .isZero();
        assertThat(steps(restore, "initContainers")).containsExactly("fetch fetch");
        assertThat(steps(restore, "containers")).containsExactly("restore restore");
        assertThat(env(restore, "initContainers")).containsEntry("RESTORE_FROM", "latest");
        assertThat(env(restore, "containers"))
                .containsEntry("RESTORE_DATABASES", "all")
                .containsEntry("RESTORE_OVERWRITE", "no");
        JsonNode backup = Trees.yaml(tree, BACKUP + "cronjob-database-backup.yaml");
        assertThat(restore.at("/spec/jobTemplate/spec/template/spec/serviceAccountName"))
                .as("the backup's identity: its Vault role and network paths")
                .isEqualTo(backup.at("/spec/jobTemplate/spec/template/spec/serviceAccountName"));
        String script = script(tree);
        assertThat(script)
                .contains("refusing to overwrite databases that hold tables")
                .contains("RESTORE_OVERWRITE:-no")
                .contains(
                        "pg_restore --host=postgres --username=postgres --create --dbname=postgres --exit-on-error")
                .contains("[ \"$wanted\" != all ] || wanted=\"app security unleash\"");
    }

    @Test
    void theDrillRunsWeeklyIntoScratchDatabasesAndTheAlertsWatchIt() {
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode drill = Trees.yaml(tree, BACKUP + "cronjob-database-restore-drill.yaml");
        assertThat(drill.at("/spec/schedule").asString()).isEqualTo("0 5 * * 0");
        assertThat(drill.at("/spec/suspend").isMissingNode()).isTrue();
        assertThat(steps(drill, "containers")).containsExactly("drill drill");
        String script = script(tree);
        assertThat(script)
                .contains("scratch=\"restore_drill_$db\"")
                .contains("sh \"$0\" check \"$dump\" \"$scratch\"");
        Map<String, Alert> alerts =
                Wiring.context(TestSupport.production(), new io.neotool.gitops.render.Templates())
                        .monitoring()
                        .alerts()
                        .stream()
                        .collect(Collectors.toMap(Alert::name, a -> a));
        assertThat(alerts.get("RestoreDrillTooOld").expr())
                .contains("cronjob=\"database-restore-drill\"")
                .contains("> 691200");
        assertThat(alerts.get("RestoreDrillFailed").expr())
                .isEqualTo(
                        "kube_cronjob_status_last_schedule_time{namespace=\"production\", cronjob=\"database-restore-drill\"}"
                                + " > kube_cronjob_status_last_successful_time{namespace=\"production\", cronjob=\"database-restore-drill\"}");
        assertThat(alerts.get("BackupFailed").expr())
                .contains("(database-backup|vault-snapshot)-.*");
        assertThat(
                        Trees.yaml(
                                        tree,
                                        "infrastructure/production/controllers/grafana/configmap-grafana-dashboards.yaml")
                                .toString())
                .contains("Since the last good restore drill");
    }

    @Test
    void vaultIsSnapshottedDailyByARoleThatMayReadOnlyTheSnapshotAndTheBucketsKeys() {
        OutputTree tree = new NeotoolGitops().render(List.of(TestSupport.production()));
        JsonNode snapshot = Trees.yaml(tree, BACKUP + "cronjob-vault-snapshot.yaml");
        JsonNode backup = Trees.yaml(tree, BACKUP + "cronjob-database-backup.yaml");
        assertThat(snapshot.at("/spec/schedule")).isEqualTo(backup.at("/spec/schedule"));
        JsonNode pod = snapshot.at("/spec/jobTemplate/spec/template");
        assertThat(
                        pod.at("/metadata/annotations/vault.hashicorp.com~1agent-inject-token")
                                .asString())
                .isEqualTo("true");
        assertThat(pod.at("/metadata/annotations/vault.hashicorp.com~1role").asString())
                .isEqualTo("vault-snapshot");
        assertThat(steps(snapshot, "initContainers")).containsExactly("snapshot snapshot");
        assertThat(steps(snapshot, "containers")).containsExactly("upload upload");
        String policies = tree.get("clusters/production/vault-policies.sh").text();
        String policy =
                policies.substring(
                        policies.indexOf("vault policy write neotool-vault-snapshot"),
                        policies.indexOf("vault write auth/kubernetes/role/vault-snapshot"));
        assertThat(policy.lines().filter(l -> l.startsWith("path ")).toList())
                .containsExactly(
                        "path \"secret/data/backups/r2\" {",
                        "path \"sys/storage/raft/snapshot\" {");
        assertThat(policies).doesNotContain("vault secrets enable -path=sys");
        String script = script(tree);
        assertThat(script)
                .contains("vault operator raft snapshot save \"/dumps/vault/$stamp.snap\"")
                .contains(
                        "mc rm --recursive --force --older-than 14d \"target/neotool-backups/production/\"");
    }
}
