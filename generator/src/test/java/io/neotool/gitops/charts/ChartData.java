package io.neotool.gitops.charts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.wiring.Components;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Where the data files (Chart.yaml, Chart.lock, values.yaml, values.schema.json, and those of every
 * subchart) of a pinned chart come from, first found first:
 *
 * <ol>
 *   <li>a mirror folder, {@code -Dneotool.chartData} (default {@code ../shared/charts} beside the
 *       repository): {@code <chart>-<version>/} as data files, or {@code
 *       packages/<chart>-<version>.tgz} as {@code helm pull} gives it;
 *   <li>the user's cache, {@code $XDG_CACHE_HOME/neotool-gitops/charts/<chart>-<version>.tgz}
 *       (default {@code ~/.cache}), where an earlier fetch left it;
 *   <li>the chart's own repository, the HelmRepository URL or OCI reference the generated tree
 *       names ({@link ChartFetcher}): fetched once, checked against the digest the repository's
 *       index (or the OCI manifest) gives, then kept in the cache.
 * </ol>
 *
 * With none of them the test is skipped with one line saying how to provide the charts, unless
 * {@code -Dneotool.requireCharts=true} (CI) turns that into a failure. Nothing is committed.
 */
final class ChartData {
    private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicBoolean TOLD =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final Set<String> DATA_FILES =
            Set.of("Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json");

    private ChartData() {}

    /** The folder of the chart's data files; skips (or, in CI, fails) the test when none is had. */
    static Path folder(String chart, String version) {
        String name = chart + "-" + version;
        Path found = FOLDERS.get(name);
        if (found != null) {
            return found;
        }
        String why;
        try {
            Path folder = locate(chart, version);
            FOLDERS.put(name, folder);
            return folder;
        } catch (ChartFetcher.Unavailable e) {
            why = e.getMessage();
        }
        String line =
                "SKIPPED chart tests for "
                        + name
                        + ": not in the mirror "
                        + mirror()
                        + " (<chart>-<version>/ or packages/<chart>-<version>.tgz), not in the cache "
                        + cache()
                        + ", and its repository could not be read ("
                        + why
                        + "); give -Dneotool.chartData=<folder holding packages/"
                        + name
                        + ".tgz> or run online";
        if (Boolean.getBoolean("neotool.requireCharts")) {
            throw new AssertionError(
                    line.replace("SKIPPED", "MISSING") + " (neotool.requireCharts)");
        }
        if (!TOLD.getAndSet(true)) { // one line for the run, not one per chart
            System.err.println(line);
        }
        assumeTrue(false, line);
        throw new IllegalStateException("unreachable");
    }

    private static Path locate(String chart, String version) throws ChartFetcher.Unavailable {
        String name = chart + "-" + version;
        Path packaged = mirror().resolve("packages").resolve(name + ".tgz");
        if (Files.isRegularFile(packaged)) {
            return unpacked(packaged, name);
        }
        Path data = mirror().resolve(name);
        if (Files.isRegularFile(data.resolve("Chart.yaml"))) {
            return data.toAbsolutePath().normalize();
        }
        Path cached = cache().resolve(name + ".tgz");
        if (!Files.isRegularFile(cached)) {
            HelmComponent<?> component =
                    Components.helm().stream()
                            .filter(h -> h.chart().equals(chart))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new ChartFetcher.Unavailable(
                                                    "no component deploys chart " + chart));
            new ChartFetcher().fetch(component.source().url(), chart, version, cached);
        }
        return unpacked(cached, name);
    }

    /** {@code -Dneotool.chartData}, else {@code ../shared/charts} beside the repository. */
    static Path mirror() {
        String configured = System.getProperty("neotool.chartData", "");
        return (configured.isBlank()
                        ? TestSupport.repoRoot().resolve("../shared/charts")
                        : Path.of(configured))
                .toAbsolutePath()
                .normalize();
    }

    /** The user's cache folder for fetched charts. */
    static Path cache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base =
                xdg == null || xdg.isBlank()
                        ? Path.of(System.getProperty("user.home"), ".cache")
                        : Path.of(xdg);
        return base.resolve("neotool-gitops/charts");
    }

    /** The data files of a packaged chart, unpacked once under {@code target/chart-data}. */
    private static Path unpacked(Path tgz, String name) {
        Path folder = Path.of("target/chart-data").resolve(name).toAbsolutePath();
        Path done = folder.resolve(".unpacked");
        try {
            if (!Files.exists(done)) {
                try (InputStream in = Files.newInputStream(tgz)) {
                    unpack(in, folder);
                }
                Files.writeString(done, tgz.toString());
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + tgz, e);
        }
    }

    /**
     * Writes the data files of a chart archive (gzip read by the JDK: helm's archives carry a gzip
     * extra field that commons-compress refuses) into {@code folder}, dropping the archive's top
     * folder ({@code <chart>/}); a subchart packaged inside ({@code charts/<sub>-<v>.tgz}) is
     * unpacked into {@code charts/<sub>/}, as {@code helm dependency build} leaves it.
     */
    static void unpack(InputStream gzipped, Path folder) throws IOException {
        TarArchiveInputStream tar =
                new TarArchiveInputStream(new java.util.zip.GZIPInputStream(gzipped));
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String path = entry.getName();
            int slash = path.indexOf('/');
            if (entry.isDirectory() || slash < 0 || path.contains("..")) {
                continue;
            }
            String inside = path.substring(slash + 1);
            String file = inside.substring(inside.lastIndexOf('/') + 1);
            String parent =
                    inside.contains("/") ? inside.substring(0, inside.lastIndexOf('/')) : "";
            if (DATA_FILES.contains(file) && (parent.isEmpty() || parent.startsWith("charts/"))) {
                Path to = folder.resolve(inside);
                Files.createDirectories(to.getParent());
                Files.copy(tar, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else if (file.endsWith(".tgz") && parent.endsWith("charts")) {
                Path sub = Files.createTempFile("subchart", ".tgz");
                try {
                    Files.copy(tar, sub, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    String chart = subchartName(sub);
                    try (InputStream in = Files.newInputStream(sub)) {
                        unpack(in, folder.resolve(parent).resolve(chart));
                    }
                } finally {
                    Files.delete(sub);
                }
            }
        }
    }

    /** The top folder of a chart archive: the chart's name. */
    private static String subchartName(Path tgz) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(
                        new java.util.zip.GZIPInputStream(Files.newInputStream(tgz)))) {
            TarArchiveEntry first = tar.getNextEntry();
            if (first == null) {
                throw new IOException("empty chart archive " + tgz);
            }
            return first.getName().split("/", 2)[0];
        }
    }
}
