package io.neotool.gitops.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputWriterTest {
    static final String OWNER = "config/production.yaml";
    @TempDir
    Path root;

    private static OutputTree tree(String... pathsAndBodies) {
        OutputTree tree = new OutputTree();
        for (int i = 0; i < pathsAndBodies.length; i += 2) {
            tree.add(pathsAndBodies[i], OWNER, pathsAndBodies[i + 1]);
        }
        return tree;
    }

    @Test
    void writesChangedFilesOnlyAndLeavesIdenticalOnesUntouched() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        WriteResult first = writer.write(tree("apps/a/x.yaml", "a: 1\n", "apps/a/y.yaml", "b: 1\n"), Set.of(OWNER), true);
        assertThat(first.written()).containsExactly("apps/a/x.yaml", "apps/a/y.yaml");
        Path y = root.resolve("apps/a/y.yaml");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(y, old);
        WriteResult second = writer.write(tree("apps/a/x.yaml", "a: 2\n", "apps/a/y.yaml", "b: 1\n"), Set.of(OWNER), true);
        assertThat(second.written()).containsExactly("apps/a/x.yaml");
        assertThat(second.unchanged()).containsExactly("apps/a/y.yaml");
        assertThat(Files.getLastModifiedTime(y)).isEqualTo(old);
        assertThat(Files.readString(root.resolve("apps/a/x.yaml"))).endsWith("a: 2\n");
        try (var files = Files.list(root.resolve("apps/a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("x.yaml", "y.yaml");
        }
    }

    @Test
    void prunesItsOwnStaleFilesAndKeepsHandWrittenNeighbours() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        writer.write(tree("infrastructure/p/old/x.yaml", "a: 1\n", "infrastructure/p/keep.yaml", "k: 1\n"), Set.of(OWNER), true);
        Path handWritten = root.resolve("infrastructure/p/old/notes.yaml");
        Files.writeString(handWritten, "# written by a person\nkey: value\n");
        Path bootstrap = root.resolve("clusters/p/flux-system/gotk-sync.yaml");
        Files.createDirectories(bootstrap.getParent());
        Files.writeString(bootstrap, OutputTree.header(OWNER) + "owned: by flux bootstrap\n");

        WriteResult result = writer.write(tree("infrastructure/p/keep.yaml", "k: 1\n"), Set.of(OWNER), true);

        assertThat(result.removed()).containsExactly("infrastructure/p/old/x.yaml");
        assertThat(handWritten).exists();
        assertThat(bootstrap).as("flux-system belongs to flux bootstrap").exists();
    }

    @Test
    void leavesFilesOfOtherConfigsAlone() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        OutputTree dev = new OutputTree();
        dev.add("apps/dev/kustomization.yaml", "config/dev.yaml", "resources: []\n");
        writer.write(dev, Set.of("config/dev.yaml"), true);
        WriteResult result = writer.write(tree("apps/production/kustomization.yaml", "resources: []\n"), Set.of(OWNER), false);
        assertThat(result.removed()).isEmpty();
        assertThat(root.resolve("apps/dev/kustomization.yaml")).exists();
    }

    @Test
    void removesEmptiedFoldersButNotTheOutputRoots() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        writer.write(tree("apps/base/gone/x.yaml", "a: 1\n"), Set.of(OWNER), true);
        writer.write(new OutputTree(), Set.of(OWNER), true);
        assertThat(root.resolve("apps/base/gone")).doesNotExist();
        assertThat(root.resolve("apps")).exists();
    }

    @Test
    void refusesPathsOutsideTheOutput() {
        OutputWriter writer = new OutputWriter(root);
        assertThatThrownBy(() -> writer.write(tree("apps/../../escape.yaml", "a: 1\n"), Set.of(OWNER), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(tree("clusters/p/flux-system/gotk-sync.yaml", "a: 1\n"), Set.of(OWNER), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root.getParent().resolve("escape.yaml")).doesNotExist();
    }

    @Test
    void headerNamesTheOwner() {
        assertThat(OutputTree.ownerOf(OutputTree.header("config/dev.yaml") + "x: 1\n")).isEqualTo("config/dev.yaml");
        assertThat(OutputTree.ownerOf(OutputTree.header(OutputTree.SHARED))).isEqualTo(OutputTree.SHARED);
        assertThat(OutputTree.ownerOf("# my own file\n")).isNull();
    }
}
