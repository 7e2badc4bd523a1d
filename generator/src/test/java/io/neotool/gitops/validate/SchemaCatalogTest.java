package io.neotool.gitops.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A schema is compiled once per JVM and file content, and compiled again when the file changes. */
class SchemaCatalogTest {
    private static final String OPEN =
            "{\"type\": \"object\", \"properties\": {\"data\": {\"type\": \"object\"}}}";
    private static final String CLOSED =
            "{\"type\": \"object\", \"properties\": {\"data\": {\"type\": \"object\"}},"
                    + " \"additionalProperties\": false}";

    @TempDir Path folder;

    @Test
    void catalogsOfOneFolderShareTheCompiledSchemaUntilTheFileChanges() throws IOException {
        Path file = Files.createDirectories(folder.resolve("core")).resolve("configmap_v1.json");
        Files.writeString(file, OPEN);
        JsonNode object =
                Manifests.YAML.readTree(
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {}\n");

        Schema first = schema();
        assertThat(schema()).isSameAs(first);
        assertThat(first.validate(object)).isEmpty();

        Files.writeString(file, CLOSED);
        Schema changed = schema();
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.validate(object)).isNotEmpty();
    }

    @Test
    void aSchemaAddedToTheFolderIsFound() throws IOException {
        assertThat(SchemaCatalog.at(folder.toString(), folder).schema("x", "Thing", "v1"))
                .isEmpty();
        Files.writeString(
                Files.createDirectories(folder.resolve("x")).resolve("thing_v1.json"), OPEN);
        assertThat(SchemaCatalog.at(folder.toString(), folder).schema("x", "Thing", "v1"))
                .isPresent();
    }

    private Schema schema() {
        return SchemaCatalog.at(folder.toString(), folder.resolve("cache"))
                .schema("core", "ConfigMap", "v1")
                .orElseThrow();
    }
}
