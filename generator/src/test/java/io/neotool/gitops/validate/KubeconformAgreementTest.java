package io.neotool.gitops.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neotool.gitops.TestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The same valid and broken manifests go to the in-JVM schema check and to kubeconform (strict,
 * same catalog); both must call the same files invalid.
 */
class KubeconformAgreementTest {
    @TempDir Path work;

    /** The fixture production tree, generated in memory once. */
    private static final io.neotool.gitops.output.OutputTree TREE =
            io.neotool.gitops.Trees.generate(TestSupport.production());

    static String fixture(String path) {
        return java.util.Objects.requireNonNull(TREE.get(path), path).text();
    }

    @Test
    void inJvmSchemasAndKubeconformAgree() throws Exception {
        String kubeconform = System.getProperty("neotool.kubeconform", "");
        String location = System.getProperty("neotool.schemaLocation", "");
        if (kubeconform.isBlank() || location.isBlank()) {
            System.err.println(
                    "SKIPPED kubeconform agreement: set -Dneotool.kubeconform=<binary> and -Dneotool.schemaLocation=<folder> (CI does)");
        }
        assumeTrue(
                !kubeconform.isBlank() && !location.isBlank(),
                "kubeconform or the schema catalog not given (CI sets both)");

        String vault =
                fixture("infrastructure/production/controllers/vault/helmrelease-vault.yaml");
        String deployment =
                fixture("infrastructure/production/configs/pgbouncer/deployment-pgbouncer.yaml");
        String service =
                fixture("infrastructure/production/configs/pgbouncer/service-pgbouncer.yaml");
        String kustomization = fixture("clusters/production/postgres.yaml");
        String cronJob =
                fixture("infrastructure/production/configs/backup/cronjob-database-backup.yaml");
        Map<String, String> cases = new TreeMap<>();
        cases.put("valid-helmrelease.yaml", vault);
        cases.put("valid-deployment.yaml", deployment);
        cases.put("valid-service.yaml", service);
        cases.put("valid-kustomization.yaml", kustomization);
        cases.put("valid-cronjob.yaml", cronJob);
        cases.put(
                "bad-helmrelease-unknown-field.yaml",
                vault.replace("  interval: 1m\n", "  interval: 1m\n  intervall: 2m\n"));
        cases.put(
                "bad-deployment-replicas-string.yaml",
                deployment.replace("  replicas: 1\n", "  replicas: one\n"));
        cases.put(
                "bad-deployment-unknown-container-field.yaml",
                deployment.replace("          image: ", "          imagee: x\n          image: "));
        cases.put("bad-service-port-missing.yaml", service.replace("      port: 5432\n", ""));
        String badKustomization = kustomization.replace("prune: true", "prune: yes please");
        assertThat(badKustomization).as("the seeded defect").isNotEqualTo(kustomization);
        cases.put("bad-kustomization-prune-string.yaml", badKustomization);
        cases.put(
                "bad-cronjob-unknown-field.yaml",
                cronJob.replace("  schedule:", "  schedulee: x\n  schedule:"));
        for (var entry : cases.entrySet()) {
            assertThat(entry.getValue())
                    .as(entry.getKey() + " was changed or is valid")
                    .isNotEmpty();
            Files.writeString(
                    work.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
        }

        SchemaCatalog catalog = SchemaCatalog.at(location, work.resolve("cache"));
        Set<String> jvmInvalid = new TreeSet<>();
        for (var entry : cases.entrySet()) {
            List<ValidationProblem> problems = new ArrayList<>();
            for (Manifest m : Manifests.read(entry.getKey(), entry.getValue(), problems)) {
                var schema = catalog.schema(m.group(), m.kind(), m.version()).orElseThrow();
                if (!schema.validate(m.object()).isEmpty()) {
                    jvmInvalid.add(entry.getKey());
                }
            }
        }

        List<String> command =
                new ArrayList<>(
                        List.of(
                                kubeconform,
                                "-strict",
                                "-output",
                                "json",
                                "-schema-location",
                                location
                                        + "/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json",
                                "-schema-location",
                                location
                                        + "/core/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json"));
        cases.keySet().forEach(name -> command.add(work.resolve(name).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode report = Manifests.YAML.readTree(output);
        Set<String> kubeconformInvalid = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        for (JsonNode resource : report.path("resources")) {
            String file = Path.of(resource.path("filename").asString()).getFileName().toString();
            seen.add(file);
            String status = resource.path("status").asString();
            assertThat(status)
                    .as(file + " must not be skipped or fail to load")
                    .isIn("statusValid", "statusInvalid");
            if (status.equals("statusInvalid")) {
                kubeconformInvalid.add(file);
            }
        }
        // kubeconform's JSON output lists only non-valid resources unless -summary/-verbose; valid
        // ones are the rest
        assertThat(kubeconformInvalid).isEqualTo(jvmInvalid);
        assertThat(jvmInvalid)
                .containsExactlyInAnyOrder(
                        cases.keySet().stream()
                                .filter(k -> k.startsWith("bad-"))
                                .toArray(String[]::new));
    }
}
