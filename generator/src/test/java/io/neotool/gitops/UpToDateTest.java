package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.output.HandEditedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A no-op regeneration skips the work only when nothing it reads or wrote has changed. */
class UpToDateTest {
    @TempDir Path work;

    private static final String DEPLOYMENT = "apps/base/web/deployment-web.yaml";

    private Path config;
    private Path out;

    private GenerationResult generate() {
        return new NeotoolGitops().generate(new GenerationRequest(config, out, null));
    }

    private boolean skips() {
        return UpToDate.unchanged(out, UpToDate.stamp(config, null)) != null;
    }

    private void setUp() throws IOException {
        config = TestSupport.copyConfigs(work);
        out = Files.createDirectories(work.resolve("repo"));
        assertThat(skips()).as("nothing generated yet").isFalse();
        assertThat(generate().files().written()).isNotEmpty();
    }

    @Test
    void anUnchangedRunIsSkippedAndReportsEveryFileUnchanged() throws IOException {
        setUp();
        assertThat(skips()).isTrue();
        GenerationResult again = generate();
        assertThat(again.files().written()).isEmpty();
        assertThat(again.files().unchanged()).contains(DEPLOYMENT).hasSizeGreaterThan(100);
        assertThat(again.configs()).containsExactly("config/dev.yaml", "config/production.yaml");
    }

    @Test
    void aHandEditStillFailsTheRun() throws IOException {
        setUp();
        Files.writeString(
                out.resolve(DEPLOYMENT), "# edited\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(skips()).isFalse();
        assertThatThrownBy(this::generate).isInstanceOf(HandEditedException.class);
    }

    @Test
    void aTouchedFileIsReadAndStillSkipsButASameSizeEditIsSeen() throws IOException {
        setUp();
        Path file = out.resolve(DEPLOYMENT);
        java.nio.file.attribute.FileTime later =
                java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(file).toMillis() + 5000);
        Files.setLastModifiedTime(file, later);
        assertThat(skips()).as("same content, another time").isTrue();
        String text = Files.readString(file);
        Files.writeString(file, text.replace("replicas: 1", "replicas: 7"));
        assertThat(Files.size(file)).isEqualTo(text.length());
        assertThat(skips()).as("same size, other content").isFalse();
    }

    @Test
    void aDeletedFileIsWrittenAgain() throws IOException {
        setUp();
        Files.delete(out.resolve(DEPLOYMENT));
        assertThat(skips()).isFalse();
        assertThat(generate().files().written()).containsExactly(DEPLOYMENT);
        assertThat(skips()).isTrue();
    }

    @Test
    void aConfigEditOrAnotherCatalogRunsInFull() throws IOException {
        setUp();
        assertThat(UpToDate.unchanged(out, UpToDate.stamp(config, "/some/catalog"))).isNull();
        Path production = config.resolve("production.yaml");
        Files.writeString(
                production,
                Files.readString(production)
                        .replace(
                                "    replicas: 2\n    host: app.neotool.io",
                                "    replicas: 3\n    host: app.neotool.io"));
        assertThat(skips()).isFalse();
        assertThat(generate().files().written()).isNotEmpty();
        assertThat(skips()).isTrue();
    }

    @Test
    void anotherBuildOfTheGeneratorRunsInFull() throws IOException {
        Path jar = Files.writeString(work.resolve("generator.jar"), "build 1");
        String first = UpToDate.fingerprint(java.util.List.of(jar));
        assertThat(UpToDate.fingerprint(java.util.List.of(jar))).isEqualTo(first);
        // a rebuild of the same size: only its time tells
        Files.writeString(jar, "build 2");
        Files.setLastModifiedTime(
                jar,
                java.nio.file.attribute.FileTime.fromMillis(
                        Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(UpToDate.fingerprint(java.util.List.of(jar))).isNotEqualTo(first);
        Files.writeString(jar, "a longer build 3");
        assertThat(UpToDate.fingerprint(java.util.List.of(jar))).isNotEqualTo(first);
    }

    @Test
    void anotherLockOnDiskRunsInFull() throws IOException {
        setUp();
        Path lock = out.resolve(io.neotool.gitops.output.GeneratedLock.PATH);
        Files.writeString(lock, Files.readString(lock) + "\n");
        assertThat(skips()).isFalse();
    }
}
