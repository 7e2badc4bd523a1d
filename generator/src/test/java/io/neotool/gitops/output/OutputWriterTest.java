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
    @TempDir Path root;

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
        WriteResult first =
                writer.write(
                        tree("apps/a/x.yaml", "a: 1\n", "apps/a/y.yaml", "b: 1\n"),
                        Set.of(OWNER),
                        true);
        assertThat(first.written()).containsExactly("apps/a/x.yaml", "apps/a/y.yaml");
        Path y = root.resolve("apps/a/y.yaml");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(y, old);
        WriteResult second =
                writer.write(
                        tree("apps/a/x.yaml", "a: 2\n", "apps/a/y.yaml", "b: 1\n"),
                        Set.of(OWNER),
                        true);
        assertThat(second.written()).containsExactly("apps/a/x.yaml");
        assertThat(second.unchanged()).containsExactly("apps/a/y.yaml");
        assertThat(Files.getLastModifiedTime(y)).isEqualTo(old);
        assertThat(Files.readString(root.resolve("apps/a/x.yaml"))).endsWith("a: 2\n");
        try (var files = Files.list(root.resolve("apps/a"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("x.yaml", "y.yaml");
        }
    }

    @Test
    void prunesItsOwnStaleFilesAndKeepsHandWrittenNeighbours() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        writer.write(
                tree(
                        "infrastructure/p/old/x.yaml",
                        "a: 1\n",
                        "infrastructure/p/keep.yaml",
                        "k: 1\n"),
                Set.of(OWNER),
                true);
        Path handWritten = root.resolve("infrastructure/p/old/notes.yaml");
        Files.writeString(handWritten, "# written by a person\nkey: value\n");
        Path bootstrap = root.resolve("clusters/p/flux-system/gotk-sync.yaml");
        Files.createDirectories(bootstrap.getParent());
        Files.writeString(bootstrap, OutputTree.header(OWNER) + "owned: by flux bootstrap\n");

        WriteResult result =
                writer.write(tree("infrastructure/p/keep.yaml", "k: 1\n"), Set.of(OWNER), true);

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
        WriteResult result =
                writer.write(
                        tree("apps/production/kustomization.yaml", "resources: []\n"),
                        Set.of(OWNER),
                        false);
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
        assertThatThrownBy(
                        () ->
                                writer.write(
                                        tree("apps/../../escape.yaml", "a: 1\n"),
                                        Set.of(OWNER),
                                        true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                writer.write(
                                        tree("clusters/p/flux-system/gotk-sync.yaml", "a: 1\n"),
                                        Set.of(OWNER),
                                        true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root.getParent().resolve("escape.yaml")).doesNotExist();
    }

    @Test
    void aHandEditIsDetectedAndPreservedUnlessForced() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        OutputTree tree = tree("apps/a/x.yaml", "a: 1\n", "apps/a/y.yaml", "b: 1\n");
        writer.write(tree, Set.of(OWNER), true);
        Path x = root.resolve("apps/a/x.yaml");
        String edited = Files.readString(x).replace("a: 1", "a: 99");
        Files.writeString(x, edited);
        byte[] lockBefore = Files.readAllBytes(root.resolve(GeneratedLock.PATH));

        assertThatThrownBy(() -> writer.write(tree, Set.of(OWNER), true))
                .isInstanceOfSatisfying(
                        HandEditedException.class,
                        e -> assertThat(e.files()).containsExactly("apps/a/x.yaml"))
                .hasMessageContaining("-Dneotool.force=true");
        assertThat(x).hasContent(edited.strip());
        assertThat(Files.readAllBytes(root.resolve(GeneratedLock.PATH))).isEqualTo(lockBefore);

        WriteResult forced = writer.write(tree, Set.of(OWNER), true, true);
        assertThat(forced.written()).containsExactly("apps/a/x.yaml");
        assertThat(Files.readString(x)).endsWith("a: 1\n");
    }

    @Test
    void aHandEditedFileThatIsNoLongerProducedIsNotDeleted() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        writer.write(
                tree("apps/a/x.yaml", "a: 1\n", "apps/a/gone.yaml", "g: 1\n"), Set.of(OWNER), true);
        Path gone = root.resolve("apps/a/gone.yaml");
        Files.writeString(gone, Files.readString(gone) + "mine: true\n");
        assertThatThrownBy(() -> writer.write(tree("apps/a/x.yaml", "a: 1\n"), Set.of(OWNER), true))
                .isInstanceOf(HandEditedException.class);
        assertThat(gone).exists();
    }

    @Test
    void aFileWrittenByAPersonIsNeverOverwrittenByANewGeneratedFile() throws Exception {
        Path mine = root.resolve("apps/a/x.yaml");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "# mine\n");
        assertThatThrownBy(
                        () ->
                                new OutputWriter(root)
                                        .write(
                                                tree("apps/a/x.yaml", "a: 1\n"),
                                                Set.of(OWNER),
                                                true))
                .isInstanceOf(HandEditedException.class);
        assertThat(mine).hasContent("# mine");
    }

    @Test
    void theLockListsEveryOwnedFileWithItsHashAndConfig() throws Exception {
        OutputTree tree = tree("apps/a/x.yaml", "a: 1\n");
        new OutputWriter(root).write(tree, Set.of(OWNER), true);
        GeneratedLock lock = GeneratedLock.read(root.resolve(GeneratedLock.PATH));
        assertThat(lock.entries()).containsOnlyKeys("apps/a/x.yaml");
        assertThat(lock.get("apps/a/x.yaml").owner()).isEqualTo(OWNER);
        assertThat(lock.get("apps/a/x.yaml").sha256())
                .isEqualTo(GeneratedLock.sha256(Files.readAllBytes(root.resolve("apps/a/x.yaml"))));
        assertThat(root.resolve(GeneratedLock.PENDING)).doesNotExist();
    }

    @Test
    void theNextRunFinishesWhatAnInterruptedRunStarted() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        OutputTree a = tree("apps/a/x.yaml", "a: 1\n", "apps/a/y.yaml", "b: 1\n");
        OutputTree b = tree("apps/a/x.yaml", "a: 2\n", "apps/a/y.yaml", "b: 2\n");
        writer.write(a, Set.of(OWNER), true);
        // an interrupted run of b: pending lock written, one file moved into place, a temp file
        // left
        Files.write(root.resolve(GeneratedLock.PENDING), GeneratedLock.lockBytes(b));
        Files.write(root.resolve("apps/a/x.yaml"), b.get("apps/a/x.yaml").content());
        Files.writeString(root.resolve("apps/a/.y.yaml.neotool-123.tmp"), "b: ");
        WriteResult result = writer.write(b, Set.of(OWNER), true);
        assertThat(result.written()).containsExactly("apps/a/y.yaml");
        assertThat(result.unchanged()).containsExactly("apps/a/x.yaml");
        assertThat(root.resolve("apps/a/.y.yaml.neotool-123.tmp")).doesNotExist();
        assertThat(root.resolve(GeneratedLock.PENDING)).doesNotExist();
        assertThat(Files.readAllBytes(root.resolve(GeneratedLock.PATH)))
                .isEqualTo(GeneratedLock.lockBytes(b));
    }

    @Test
    void aRunKilledWhileRecordingItsPendingLockLeavesATemporaryFileThatTheNextRunRemoves()
            throws Exception {
        OutputWriter writer = new OutputWriter(root);
        OutputTree a = tree("apps/a/x.yaml", "a: 1\n");
        writer.write(a, Set.of(OWNER), true);
        // killed inside recordPending's own atomic write: no pending lock yet, its temp file left
        Path temp = root.resolve(".neotool/.generated.lock.pending.neotool-9.tmp");
        Files.writeString(temp, "apps/a/x.yaml ");
        assertThat(root.resolve(GeneratedLock.PENDING)).doesNotExist();
        writer.write(a, Set.of(OWNER), true);
        assertThat(temp).doesNotExist();
    }

    @Test
    void aSecondInterruptionKeepsWhatTheFirstOneMayHaveWrittenAccepted() throws Exception {
        OutputWriter writer = new OutputWriter(root);
        OutputTree a = tree("apps/a/x.yaml", "a: 1\n");
        OutputTree b = tree("apps/a/x.yaml", "a: 2\n");
        OutputTree c = tree("apps/a/x.yaml", "a: 3\n");
        writer.write(a, Set.of(OWNER), true);
        // run b interrupted after writing x; then run a interrupted right after recording its
        // pending lock
        Files.write(root.resolve(GeneratedLock.PENDING), GeneratedLock.lockBytes(b));
        Files.write(root.resolve("apps/a/x.yaml"), b.get("apps/a/x.yaml").content());
        writer.recordPending(
                new GeneratedLock(
                        java.util.Map.of(
                                "apps/a/x.yaml",
                                new GeneratedLock.Entry(
                                        GeneratedLock.sha256(a.get("apps/a/x.yaml").content()),
                                        OWNER))),
                GeneratedLock.readAccepted(root.resolve(GeneratedLock.PENDING)));
        assertThat(
                        GeneratedLock.readAccepted(root.resolve(GeneratedLock.PENDING))
                                .get("apps/a/x.yaml"))
                .hasSize(2);
        // x still holds b's content: not a hand edit, and the next complete run replaces it
        WriteResult result = writer.write(c, Set.of(OWNER), true);
        assertThat(result.written()).containsExactly("apps/a/x.yaml");
        assertThat(root.resolve(GeneratedLock.PENDING)).doesNotExist();
    }

    @Test
    void headerNamesTheOwner() {
        assertThat(OutputTree.ownerOf(OutputTree.header("config/dev.yaml") + "x: 1\n"))
                .isEqualTo("config/dev.yaml");
        assertThat(OutputTree.ownerOf(OutputTree.header(OutputTree.SHARED)))
                .isEqualTo(OutputTree.SHARED);
        assertThat(OutputTree.ownerOf("# my own file\n")).isNull();
    }
}
