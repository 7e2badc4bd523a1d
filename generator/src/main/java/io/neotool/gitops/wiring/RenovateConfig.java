package io.neotool.gitops.wiring;

import io.neotool.gitops.platform.Renovate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code renovate.json}, generated from the registry as the config schema is from the config types:
 * the managers that find every pin of {@code config/*.yaml} (one for all images, the K3S release,
 * each component's own such as its chart) and the rules each component gives its pins.
 * RenovateConfigTest keeps the committed file equal to it.
 */
public final class RenovateConfig {
    private RenovateConfig() {}

    /** The file's text, pretty-printed, ending in a newline. */
    public static String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://docs.renovatebot.com/renovate-schema.json");
        root.put(
                "description",
                "Version bumps of every image and chart pinned in config/*.yaml arrive as pull requests; the pull-request workflow reviews them (check, validate, control plane, neotool:diff). Each bump regenerates the tree (postUpgradeTasks: allow the command on a self-hosted Renovate with allowedCommands). Generated from the component registry by RenovateConfigTest: regenerate with ./mvnw test -pl generator -Dtest=RenovateConfigTest -Dneotool.updateRenovate=true");
        root.put("enabledManagers", List.of("custom.regex"));
        List<Map<String, Object>> managers = new ArrayList<>();
        managers.add(images());
        Components.all().forEach(c -> managers.addAll(c.renovateManagers()));
        managers.add(k3s());
        root.put("customManagers", managers);
        root.put("postUpgradeTasks", postUpgrade());
        List<Map<String, Object>> rules = new ArrayList<>();
        Components.all().forEach(c -> rules.addAll(c.renovateRules()));
        rules.add(
                Renovate.rule(
                        "K3S: a new minor goes with cluster.kubernetesVersion, by hand; Renovate proposes patches",
                        "matchPackageNames",
                        Renovate.packages(K3S),
                        "matchUpdateTypes",
                        List.of("major", "minor"),
                        "enabled",
                        false));
        root.put("packageRules", rules);
        return JsonMapper.builder().build().valueToTree(root).toPrettyString().replace("\r\n", "\n")
                + "\n";
    }

    private static final String K3S = "k3s-io/k3s";

    /** Every image pin: of the components, the apps, the exporters and the backup client. */
    private static Map<String, Object> images() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customType", "regex");
        m.put(
                "description",
                "Every image pin of the environment configs (infrastructure components, apps, the backup client)");
        m.put("fileMatch", List.of(Renovate.CONFIGS));
        m.put(
                "matchStrings",
                List.of(
                        "(?:image|clientImage|exporterImage): (?<depName>[a-z0-9][a-z0-9./_-]*):(?<currentValue>[A-Za-z0-9_][A-Za-z0-9_.-]*)"));
        m.put("datasourceTemplate", "docker");
        return m;
    }

    /** The K3S release of each cluster: patches only (a minor moves kubernetesVersion too). */
    private static Map<String, Object> k3s() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customType", "regex");
        m.put(
                "description",
                "The pinned K3S release of each cluster (cluster.k3sVersion): patch releases only, since a new minor must move cluster.kubernetesVersion with it (the generator refuses them apart)");
        m.put("fileMatch", List.of(Renovate.CONFIGS));
        m.put("matchStrings", List.of("\\n  k3sVersion: (?<currentValue>v\\S+)"));
        m.put("datasourceTemplate", "github-releases");
        m.put("depNameTemplate", K3S);
        m.put(
                "versioningTemplate",
                "regex:^v(?<major>\\d+)\\.(?<minor>\\d+)\\.(?<patch>\\d+)(?<compatibility>\\+k3s)(?<build>\\d+)$");
        return m;
    }

    /** Each bump regenerates the tree in its own branch. */
    private static Map<String, Object> postUpgrade() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "commands",
                List.of("./mvnw -B -q install -DskipTests && ./mvnw -B neotool:generate"));
        m.put("fileFilters", List.of("clusters/**", "infrastructure/**", "apps/**", ".neotool/**"));
        m.put("executionMode", "branch");
        return m;
    }
}
