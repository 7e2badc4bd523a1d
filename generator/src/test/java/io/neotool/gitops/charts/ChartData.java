package io.neotool.gitops.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the data files (Chart.yaml, values.yaml, values.schema.json) of a pinned chart are read
 * from: {@code -Dneotool.chartData=<folder>}, else {@code ../shared/charts/<chart>-<version>}
 * beside the repository, else, for a chart published inside a Go module, that module at the chart's
 * version from the Go module proxy ({@code go mod download}, the registry CI installs its tools
 * from). Nothing is committed.
 */
final class ChartData {
    /** Charts whose sources ship in a Go module: chart → module and the chart's folder in it. */
    private static final Map<String, String[]> GO_MODULES =
            Map.of(
                    "cert-manager",
                    new String[] {
                        "github.com/cert-manager/cert-manager", "deploy/charts/cert-manager"
                    });

    private ChartData() {}

    static Path folder(String chart, String version) {
        String name = chart + "-" + version;
        String configured = System.getProperty("neotool.chartData");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).resolve(name).toAbsolutePath().normalize();
        }
        Path shared = TestSupport.repoRoot().resolve("../shared/charts").resolve(name);
        if (Files.isDirectory(shared) || !GO_MODULES.containsKey(chart)) {
            return shared.toAbsolutePath().normalize();
        }
        String[] source = GO_MODULES.get(chart);
        return goModule(source[0] + "@" + version).resolve(source[1]);
    }

    /** The folder {@code go mod download} leaves the module in (read-only, in the module cache). */
    private static Path goModule(String module) {
        try {
            Process go =
                    new ProcessBuilder("go", "mod", "download", "-json", module)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            String json = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(go.waitFor(10, TimeUnit.MINUTES)).as("go mod download %s", module).isTrue();
            assertThat(go.exitValue()).as("go mod download %s: %s", module, json).isZero();
            Path dir = Path.of(new JsonMapper().readTree(json).path("Dir").asString());
            assertThat(dir).as("module %s", module).isDirectory();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("go mod download " + module + " (is Go installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
