package io.neotool.gitops;

import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.output.OutputWriter;
import java.nio.file.Path;
import java.util.Set;

/**
 * Run by {@link InterruptionTest} in a child JVM that is killed at random points: generates the
 * trees of two config folders, then writes them in turn into one output folder until it is killed,
 * so that most kills land in the middle of writing.
 */
public final class ChildGenerator {
    private ChildGenerator() {}

    public static void main(String[] args) throws Exception {
        NeotoolGitops gitops = new NeotoolGitops();
        OutputTree a = gitops.render(gitops.load(Path.of(args[0])));
        OutputTree b = gitops.render(gitops.load(Path.of(args[1])));
        OutputWriter writer = new OutputWriter(Path.of(args[2]));
        Set<String> owners = Set.of("config/production.yaml");
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            writer.write(i % 2 == 0 ? a : b, owners, true);
        }
    }
}
