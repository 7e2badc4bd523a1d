package io.neotool.gitops.charts;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.wiring.Components;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The configs whose trees the chart and cluster tests read, and where their releases are. */
final class ChartTrees {
    private ChartTrees() {}

    /** The committed configs, and a cluster in another shape (PostgreSQL 17, a second KV mount). */
    static List<LoadedConfig> configs() {
        return List.of(TestSupport.production(), TestSupport.dev(), postgres17(), ha());
    }

    /** The production fixture on three nodes ({@code cluster.topology: ha}). */
    static LoadedConfig ha() {
        return TestSupport.parse(TestSupport.ha(TestSupport.productionText()));
    }

    static LoadedConfig postgres17() {
        Path file =
                Path.of("src/test/resources/configs/postgres17/postgres17.yaml").toAbsolutePath();
        return Components.loader().load(file, "configs/postgres17.yaml");
    }

    /** The generated HelmRelease of {@code helm}. */
    static JsonNode release(OutputTree tree, LoadedConfig config, HelmComponent<?> helm) {
        String folder = helm.layer().folder(config.config().cluster().name()) + "/" + helm.name();
        return Trees.yaml(tree, folder + "/helmrelease-" + helm.name() + ".yaml");
    }
}
