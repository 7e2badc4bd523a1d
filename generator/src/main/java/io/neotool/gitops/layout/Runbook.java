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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code clusters/<cluster>/RUNBOOK.md}: what an operator types, with this cluster's names — read
 * from the cluster's generated tree, so every workload, CronJob, HelmRelease and Flux Kustomization
 * a command names is one the tree holds — and one section per alert, which the alert's {@code
 * runbook_url} points at.
 */
public final class Runbook {
    private static final Pattern KIND =
            Pattern.compile(
                    "(?m)^kind: (Deployment|StatefulSet|CronJob|HelmRelease|Kustomization)$");
    private static final Pattern NAME = Pattern.compile("(?m)^  name: ([a-z0-9.-]+)$");
    private static final Pattern TARGET = Pattern.compile("(?m)^  targetNamespace: ([a-z0-9-]+)$");

    private final Templates templates;

    public Runbook(Templates templates) {
        this.templates = templates;
    }

    /** The runbook of {@code cluster}, from its generated {@code tree}. */
    public String render(LoadedConfig cluster, OutputTree tree) {
        EnvironmentConfig config = cluster.config();
        String name = config.cluster().name();
        Map<String, List<String>> objects = new TreeMap<>();
        // where each Helm release's pods run (the node agents' release runs in its own namespace)
        Map<String, String> podNamespaces = new TreeMap<>();
        tree.files()
                .forEach(
                        (path, file) -> {
                            boolean mine =
                                    path.startsWith("clusters/" + name + "/")
                                            || path.startsWith("infrastructure/" + name + "/");
                            if (!mine || !path.endsWith(".yaml")) {
                                return;
                            }
                            String text = file.text();
                            if (text.contains(FluxShims.ANNOTATION)) {
                                return; // an upgrade's shim applies nothing: no command for it
                            }
                            Matcher kind = KIND.matcher(text);
                            Matcher n = NAME.matcher(text);
                            if (kind.find() && n.find()) {
                                objects.computeIfAbsent(kind.group(1), k -> new ArrayList<>())
                                        .add(n.group(1));
                                Matcher target = TARGET.matcher(text);
                                if (kind.group(1).equals("HelmRelease")) {
                                    podNamespaces.put(
                                            n.group(1),
                                            target.find() ? target.group(1) : config.namespace());
                                }
                            }
                        });
        // the apps' Deployments live in apps/base, shared by the clusters: this cluster's are its
        // apps
        config.apps()
                .forEach(
                        app ->
                                objects.computeIfAbsent("Deployment", k -> new ArrayList<>())
                                        .add(app.name()));
        objects.values().forEach(l -> l.sort(null));
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
        model.put("objects", objects);
        model.put("vaultInit", vaultInit(config, tree));
        VaultSettings vault = config.infrastructure().get(VaultSettings.class);
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
        model.put("podNamespaces", podNamespaces);
        model.put("alerts", alerts);
        return templates.render("runbook.md.ftl", model);
    }

    /**
     * Who holds Vault's key shares, when the cluster has its initialisation script: the operators
     * in share order, the threshold and the root token's holder; empty otherwise.
     */
    private static Map<String, Object> vaultInit(EnvironmentConfig config, OutputTree tree) {
        VaultSettings vault = config.infrastructure().get(VaultSettings.class);
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
