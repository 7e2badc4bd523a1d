package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.wiring.Components;
import io.neotool.gitops.wiring.RenovateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renovate's regex managers ({@code renovate.json}) find every image and chart pin of every config,
 * with the version the config pins, and each chart under the name and repository the generator
 * deploys it from. (CI also runs Renovate's own config validator on the file.)
 */
class RenovateConfigTest {
    private static final Pattern PIN =
            Pattern.compile(
                    "(?m)^\\s*(?:- )?(image|clientImage|exporterImage|chartVersion|k3sVersion): (\\S+)$");

    record Found(String manager, String depName, String version, String registry) {}

    static JsonNode renovate() throws IOException {
        return JsonMapper.builder()
                .build()
                .readTree(TestSupport.repoRoot().resolve("renovate.json").toFile());
    }

    /**
     * What the managers match in {@code text}: the position of the version to what was found there.
     */
    static Map<Integer, Found> matches(JsonNode renovate, String text) {
        Map<Integer, Found> found = new TreeMap<>();
        for (JsonNode manager : renovate.path("customManagers")) {
            for (JsonNode matchString : manager.path("matchStrings")) {
                Matcher m = Pattern.compile(matchString.asString()).matcher(text);
                while (m.find()) {
                    String depName =
                            m.pattern().pattern().contains("(?<depName>")
                                    ? m.group("depName")
                                    : manager.path("depNameTemplate").asString();
                    found.put(
                            m.start("currentValue"),
                            new Found(
                                    manager.path("description").asString(),
                                    depName,
                                    m.group("currentValue"),
                                    manager.path("registryUrlTemplate").asString("")));
                }
            }
        }
        return found;
    }

    @Test
    void everyPinOfEveryConfigIsFoundWithItsVersion() throws IOException {
        JsonNode renovate = renovate();
        List<String> missed = new ArrayList<>();
        int pins = 0;
        for (Path dir : List.of(TestSupport.committedConfigDir(), TestSupport.configDir())) {
            List<Path> files;
            try (var configs = Files.list(dir)) {
                files = configs.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : files) {
                String text = Files.readString(file);
                Map<Integer, Found> found = matches(renovate, text);
                Matcher pin = PIN.matcher(text);
                while (pin.find()) {
                    pins++;
                    String value = pin.group(2);
                    String version =
                            pin.group(1).endsWith("Version")
                                    ? value
                                    : value.substring(value.lastIndexOf(':') + 1);
                    Found f = found.get(pin.end(2) - version.length());
                    if (f == null || !f.version().equals(version)) {
                        missed.add(file.getFileName() + ": " + pin.group().trim());
                    }
                }
            }
        }
        assertThat(pins).as("pins in the configs").isGreaterThan(30);
        assertThat(missed).as("pins no Renovate manager finds").isEmpty();
    }

    @Test
    void eachChartIsLookedUpWhereTheGeneratorDeploysItFrom() throws IOException {
        JsonNode renovate = renovate();
        String production = Files.readString(TestSupport.configDir().resolve("production.yaml"));
        String dev = Files.readString(TestSupport.configDir().resolve("dev.yaml"));
        Map<String, Found> charts = new TreeMap<>();
        // the operators of the three-node topology are pinned only in an HA config
        for (Found f : matches(renovate, production + dev + TestSupport.ha(production)).values()) {
            if (!f.registry().isEmpty()) {
                charts.put(f.depName(), f);
            }
        }
        for (HelmComponent<?> helm : Components.helm()) {
            Found f = charts.get(helm.chart());
            assertThat(f).as("a Renovate manager for chart %s", helm.chart()).isNotNull();
            String url = helm.source().url();
            String expected = helm.source().oci() ? url.substring(0, url.lastIndexOf('/')) : url;
            assertThat(f.registry())
                    .as("where chart %s comes from", helm.chart())
                    .isEqualTo(expected);
        }
    }

    /**
     * The committed file is the registry's: a new component's chart is found without a hand edit.
     */
    @Test
    void theCommittedFileIsGeneratedFromTheRegistry() throws IOException {
        Path file = TestSupport.repoRoot().resolve("renovate.json");
        String generated = RenovateConfig.json();
        if (Boolean.getBoolean("neotool.updateRenovate")) {
            Files.writeString(file, generated);
        }
        assertThat(Files.readString(file))
                .as(
                        "renovate.json is stale: regenerate with ./mvnw test -pl generator"
                                + " -Dtest=RenovateConfigTest -Dneotool.updateRenovate=true")
                .isEqualTo(generated);
    }
}
