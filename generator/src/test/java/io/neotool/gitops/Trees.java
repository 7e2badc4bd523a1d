package io.neotool.gitops;

import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Generated trees held in memory, read back as YAML for assertions. */
public final class Trees {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Trees() {}

    public static OutputTree generate(LoadedConfig config) {
        return new Generator().generate(config);
    }

    public static JsonNode yaml(OutputTree tree, String path) {
        OutputTree.OutputFile file = tree.get(path);
        if (file == null) {
            throw new AssertionError(
                    "not generated: " + path + "\ngenerated: " + tree.files().keySet());
        }
        return YAML.readTree(file.text());
    }

    public static JsonNode read(String text) {
        return YAML.readTree(text);
    }
}
