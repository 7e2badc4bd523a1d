package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every command of each cluster's generated RUNBOOK.md names what the cluster's tree holds: each
 * workload, CronJob, Flux Kustomization and HelmRelease; each label selector selects a pod template
 * or a Helm release's pods in that namespace; each Service is one the tree or a release makes (the
 * chart-made ones' ports are checked against the charts in RealClusterTest); and every alert's
 * runbook_url points at a section that exists.
 */
class RunbookTest {
    static List<LoadedConfig> configs() {
        return List.of(TestSupport.production(), TestSupport.dev());
    }

    private static final Pattern CODE = Pattern.compile("`((?:kubectl|flux|stern|\\./mvnw)[^`]*)`");

    @ParameterizedTest
    @MethodSource("configs")
    void everyNameTheRunbookTypesExists(LoadedConfig config) {
        OutputTree tree = new NeotoolGitops().render(List.of(config));
        String cluster = config.config().cluster().name();
        String runbook = tree.get("clusters/" + cluster + "/RUNBOOK.md").text();
        Set<String> objects = new HashSet<>();
        Set<String> instances = new HashSet<>();
        tree.files()
                .forEach(
                        (path, file) -> {
                            if (!path.endsWith(".yaml")
                                    || !(path.startsWith("clusters/" + cluster + "/")
                                            || path.startsWith("infrastructure/" + cluster + "/")
                                            || path.startsWith("apps/"))) {
                                return;
                            }
                            for (JsonNode doc : List.of(Trees.read(file.text()))) {
                                String kind = doc.path("kind").asString();
                                String name = doc.at("/metadata/name").asString();
                                objects.add(kind + "/" + name);
                                // apps/base has no namespace: the cluster's overlay sets its own
                                String ns =
                                        doc.at("/metadata/namespace")
                                                .asString(config.config().namespace());
                                String instance =
                                        doc.at(
                                                        "/spec/template/metadata/labels/app.kubernetes.io~1instance")
                                                .asString();
                                if (!instance.isEmpty()) {
                                    instances.add(ns + "/" + instance);
                                }
                                if (kind.equals("HelmRelease")) {
                                    String target = doc.at("/spec/targetNamespace").asString(ns);
                                    instances.add(
                                            target
                                                    + "/"
                                                    + doc.at("/spec/releaseName").asString(name));
                                    objects.add(
                                            "HelmReleaseName/"
                                                    + doc.at("/spec/releaseName").asString(name));
                                }
                            }
                        });
        Set<String> namespaces =
                Set.of(config.config().namespace(), config.config().agentsNamespace());
        List<String> problems = new ArrayList<>();
        int commands = 0;
        Matcher code = CODE.matcher(runbook);
        while (code.find()) {
            String command = code.group(1);
            commands++;
            check(
                    command,
                    "(?:deployment|statefulset|cronjob)/([a-z0-9-]+)",
                    problems,
                    m -> {
                        String kind =
                                switch (m.group().substring(0, m.group().indexOf('/'))) {
                                    case "deployment" -> "Deployment";
                                    case "statefulset" -> "StatefulSet";
                                    default -> "CronJob";
                                };
                        return objects.contains(kind + "/" + m.group(1));
                    });
            check(
                    command,
                    "svc/([a-z0-9-]+)",
                    problems,
                    m ->
                            objects.contains("Service/" + m.group(1))
                                    || objects.contains("HelmReleaseName/" + m.group(1)));
            check(
                    command,
                    "kustomization ([a-z0-9-]+)",
                    problems,
                    m -> objects.contains("Kustomization/" + m.group(1)));
            check(
                    command,
                    "helmrelease ([a-z0-9-]+)",
                    problems,
                    m -> objects.contains("HelmRelease/" + m.group(1)));
            check(command, "-n ([a-z0-9-]+)", problems, m -> namespaces.contains(m.group(1)));
            check(
                    command,
                    "exec (?:-ti )?vault-0",
                    problems,
                    m -> objects.contains("HelmRelease/vault"));
            check(
                    command,
                    "-Dneotool\\.cluster=([a-z0-9-]+)",
                    problems,
                    m -> m.group(1).equals(cluster));
            Matcher ns = Pattern.compile("-n ([a-z0-9-]+)").matcher(command);
            Matcher selector =
                    Pattern.compile("-l app\\.kubernetes\\.io/instance=([a-z0-9-]+)")
                            .matcher(command);
            if (ns.find()
                    && selector.find()
                    && !instances.contains(ns.group(1) + "/" + selector.group(1))) {
                problems.add(
                        command
                                + ": selects no pod of "
                                + selector.group(1)
                                + " in "
                                + ns.group(1));
            }
        }
        assertThat(commands).as("commands in the runbook").isGreaterThan(30);
        assertThat(problems).isEmpty();
        JsonNode rules =
                Trees.yaml(
                                tree,
                                "infrastructure/"
                                        + cluster
                                        + "/controllers/prometheus/helmrelease-prometheus.yaml")
                        .at("/spec/values/serverFiles/alerting_rules.yml/groups");
        int alerts = 0;
        for (JsonNode group : rules) {
            for (JsonNode rule : group.path("rules")) {
                String url = rule.at("/annotations/runbook_url").asString();
                assertThat(url)
                        .as(rule.path("alert").asString())
                        .endsWith(
                                "/clusters/"
                                        + cluster
                                        + "/RUNBOOK.md#"
                                        + rule.path("alert")
                                                .asString()
                                                .toLowerCase(java.util.Locale.ROOT));
                assertThat(runbook).contains("\n### " + rule.path("alert").asString() + "\n");
                alerts++;
            }
        }
        assertThat(alerts).isPositive();
    }

    @org.junit.jupiter.api.Test
    void theBootstrapCommandsNameThePinnedK3sAndTheRepository() {
        LoadedConfig config =
                TestSupport.parse(
                        TestSupport.productionText()
                                .replace(
                                        "  kubernetesVersion: \"1.33\"\n",
                                        "  kubernetesVersion: \"1.33\"\n  k3sVersion: v1.33.5+k3s1\n"));
        String runbook =
                new NeotoolGitops()
                        .render(List.of(config))
                        .get("clusters/production/RUNBOOK.md")
                        .text();
        assertThat(runbook)
                .contains(
                        "`curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.33.5+k3s1 sh -`",
                        "Check: `kubectl get nodes -o jsonpath='{.items[*].status.nodeInfo.kubeletVersion}'` prints `v1.33.5+k3s1`",
                        "`flux bootstrap git --url="
                                + config.config().git().url()
                                + " --branch="
                                + config.config().git().branch()
                                + " --path=clusters/production`");
        assertThat(
                        new NeotoolGitops()
                                .render(List.of(TestSupport.production()))
                                .get("clusters/production/RUNBOOK.md")
                                .text())
                .contains("The config pins no K3S release (`cluster.k3sVersion`)");
    }

    private static void check(
            String command,
            String regex,
            List<String> problems,
            java.util.function.Predicate<Matcher> exists) {
        Matcher m = Pattern.compile(regex).matcher(command);
        while (m.find()) {
            if (!exists.test(m)) {
                problems.add(command + ": '" + m.group() + "' names nothing the tree holds");
            }
        }
    }
}
