package io.neotool.gitops.layout;

import io.neotool.gitops.components.vault.VaultSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.monitoring.Alert;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.render.Templates;
import io.neotool.gitops.wiring.Wiring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code clusters/<cluster>/RUNBOOK.md}: what an operator types, with this cluster's names — read
 * from the cluster's generated tree, so every workload, CronJob, HelmRelease and Flux Kustomization
 * a command names is one the tree holds — and one section per alert, which the alert's {@code
 * runbook_url} points at.
 */
public final class Runbook {
    private final Templates templates;

    public Runbook(Templates templates) {
        this.templates = templates;
    }

    /** The runbook of {@code cluster}, naming the {@code objects} of its generated tree. */
    public String render(LoadedConfig cluster, OutputTree tree, ClusterObjects objects) {
        EnvironmentConfig config = cluster.config();
        String name = config.cluster().name();
        Context context = Wiring.context(cluster, templates);
        List<Map<String, String>> alerts = new ArrayList<>();
        for (Alert a : context.monitoring().alerts()) {
            Map<String, String> alert = new LinkedHashMap<>();
            alert.put("name", a.name());
            alert.put("group", a.group());
            alert.put("severity", a.severity().label());
            alert.put("for", a.forDuration());
            alert.put("summary", plain(a.summary()));
            alert.put("description", plain(a.description()));
            alerts.add(alert);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cluster", name);
        model.put("source", cluster.source());
        model.put("namespace", config.namespace());
        model.put("interval", config.flux().interval());
        model.put("gitUrl", config.git().url());
        model.put("gitBranch", config.git().branch());
        String k3s = config.cluster().k3sVersion();
        model.put("k3sVersion", k3s == null ? "" : k3s);
        model.put("objects", objects.byKind());
        VaultSettings vault = config.infrastructure().get(VaultSettings.class);
        model.put("vaultInit", vaultInit(config, vault, tree));
        model.put(
                "transit",
                vault == null || vault.seal() == null
                        ? Map.of()
                        : Map.of(
                                "address", vault.seal().transit().address(),
                                "keyName", vault.seal().transit().keyName(),
                                "tokenSecret", vault.seal().transit().tokenSecret()));
        var backups = config.backups();
        model.put("backupBucket", backups == null ? "" : backups.target().bucket());
        model.put("drillSchedule", backups == null ? "" : backups.drillSchedule());
        model.put(
                "databaseNames",
                String.join(
                        ", ",
                        io.neotool.gitops.components.postgres.Databases.of(config).stream()
                                .map(d -> "`" + d.name() + "`")
                                .toList()));
        model.put("podNamespaces", objects.podNamespaces());
        model.put("ha", config.cluster().ha());
        model.put("moves", RunbookMoves.moves(config));
        model.put(
                "pitr",
                io.neotool.gitops.components.cloudnativepg.CloudNativePgComponent.runs(config)
                        && config.backedUp());
        model.put("retentionDays", backups == null ? "" : String.valueOf(backups.retentionDays()));
        model.put("alerts", alerts);
        return templates.render("runbook.md.ftl", model);
    }

    /**
     * Who holds Vault's key shares, when the cluster has its initialisation script: the operators
     * in share order, the threshold and the root token's holder; empty otherwise.
     */
    private static Map<String, Object> vaultInit(
            EnvironmentConfig config, @Nullable VaultSettings vault, OutputTree tree) {
        VaultSettings.Unseal unseal = vault == null ? null : vault.unseal();
        String script = "clusters/" + config.cluster().name() + "/vault-init.sh";
        if (unseal == null || !tree.files().containsKey(script)) {
            return Map.of();
        }
        return Map.of(
                "operators",
                unseal.operators().stream().map(VaultSettings.Operator::name).toList(),
                "shares",
                String.valueOf(unseal.operators().size()),
                "threshold",
                String.valueOf(unseal.threshold()),
                "rootToken",
                unseal.rootToken());
    }

    /** An alert's text with its label placeholders as italic names. */
    private static String plain(String text) {
        return text.replaceAll("\\{\\{ \\$labels\\.([a-z_]+) }}", "*$1*");
    }
}
