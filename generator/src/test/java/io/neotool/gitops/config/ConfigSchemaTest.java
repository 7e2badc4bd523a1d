package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.wiring.Components;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The config's JSON Schema, for editors (yaml-language-server reads it from each config's first
 * line): generated from the config types by victools' jsonschema-generator, committed, and checked
 * here to be current. Every committed config passes it, and every structural mistake of the
 * bad-config corpus that a schema can express is rejected by both the schema and the loader.
 */
class ConfigSchemaTest {
    static final String FILE = "config/schema/neotool-config.schema.json";

    /** The loader's messages for structural mistakes: what a JSON Schema can say too. */
    static final Pattern STRUCTURAL =
            Pattern.compile(
                    "^(unknown key|expected (a string|a whole number|a list|a map of keys|true or false)|missing required key"
                            + "|'[^']*' is not an allowed value|a value is required here, got null)");

    private static final YAMLMapper YAML = new YAMLMapper();

    static String generate() {
        JacksonModule jackson =
                new JacksonModule(
                        JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY);
        SchemaGeneratorConfigBuilder builder =
                new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                        .with(jackson)
                        .with(
                                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                                Option.DEFINITIONS_FOR_ALL_OBJECTS);
        // infrastructure: each component's key and settings record, as the registry declares them.
        builder.forTypesInGeneral()
                .withCustomDefinitionProvider(
                        (type, context) -> {
                            if (type.getErasedType() != InfrastructureConfig.class) {
                                return null;
                            }
                            ObjectNode node = context.getGeneratorConfig().createObjectNode();
                            node.put("type", "object");
                            ObjectNode properties = node.putObject("properties");
                            for (SettingsKey<?> key : Components.settings()) {
                                // a $ref with a description beside it, as draft 7 reads one
                                ObjectNode property = properties.putObject(key.key());
                                property.putArray("allOf")
                                        .add(
                                                context.createDefinitionReference(
                                                        context.getTypeContext()
                                                                .resolve(key.type())));
                                com.fasterxml.jackson.annotation.JsonClassDescription about =
                                        key.type()
                                                .getAnnotation(
                                                        com.fasterxml.jackson.annotation
                                                                .JsonClassDescription.class);
                                if (about != null) {
                                    property.put("description", about.value());
                                }
                            }
                            node.put("additionalProperties", false);
                            return new CustomDefinition(node);
                        });
        builder.forFields().withDefaultResolver(SchemaDocs::defaultOf);
        builder.forFields().withDescriptionResolver(SchemaDocs::sharedDescription);
        ObjectNode schema =
                new SchemaGenerator(builder.build()).generateSchema(EnvironmentConfig.class);
        SchemaDocs.addExamples(
                schema,
                List.of(
                        TestSupport.configDir().resolve("production.yaml"),
                        TestSupport.configDir().resolve("dev.yaml")));
        schema.put("title", "NeoTool environment config (config/<env>.yaml)");
        schema.put(
                "description",
                "Generated from the config types by ConfigSchemaTest; regenerate with "
                        + "./mvnw test -pl generator -Dtest=ConfigSchemaTest -Dneotool.updateSchema=true");
        return schema.toPrettyString().replace("\r\n", "\n") + "\n";
    }

    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(
                        Files.readString(
                                TestSupport.repoRoot().resolve(FILE), StandardCharsets.UTF_8));
    }

    @Test
    void theCommittedSchemaIsGeneratedFromTheConfigTypes() throws IOException {
        Path file = TestSupport.repoRoot().resolve(FILE);
        String generated = generate();
        if (Boolean.getBoolean("neotool.updateSchema")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file).as("regenerate with -Dneotool.updateSchema=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as(
                        "the committed schema is stale: regenerate with "
                                + "./mvnw test -pl generator -Dtest=ConfigSchemaTest -Dneotool.updateSchema=true")
                .isEqualTo(generated);
    }

    /**
     * Every key of the schema says what it does (from the config types), so an editor shows it;
     * defaults and examples are there where the types and the fixtures give them.
     */
    @Test
    void everyKeyIsDescribedWithItsDefaultsAndExamples() throws IOException {
        ObjectNode schema =
                (ObjectNode)
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(
                                        Files.readString(
                                                TestSupport.repoRoot().resolve(FILE),
                                                StandardCharsets.UTF_8));
        assertThat(SchemaDocs.undescribed(schema)).as("keys without a description").isEmpty();
        com.fasterxml.jackson.databind.JsonNode pgbouncer =
                schema.at("/definitions/PgBouncerSettings/properties");
        assertThat(SchemaDocs.attribute(pgbouncer.get("poolMode"), "default").asText())
                .isEqualTo("transaction");
        assertThat(SchemaDocs.attribute(pgbouncer.get("maxClientConn"), "default").asInt())
                .isEqualTo(500);
        assertThat(SchemaDocs.attribute(pgbouncer.get("enabled"), "default").asBoolean(false))
                .isTrue();
        assertThat(schema.at("/definitions/PoolMode/enum").toString())
                .isEqualTo("[\"session\",\"transaction\",\"statement\"]");
        assertThat(pgbouncer.at("/image/examples/0").asText()).startsWith("edoburu/pgbouncer:");
    }

    @Test
    void everyConfigNamesTheSchemaOnItsFirstLineAndPassesIt() throws IOException {
        Schema schema = schema();
        List<Path> configs = new ArrayList<>();
        for (Path dir : List.of(TestSupport.committedConfigDir(), TestSupport.configDir())) {
            try (var files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(configs::add);
            }
        }
        assertThat(configs).as("the committed configs and the fixtures").hasSizeGreaterThan(2);
        for (Path file : configs) {
            String text = Files.readString(file);
            assertThat(text)
                    .as(file.toString())
                    .startsWith(
                            "# yaml-language-server: $schema=schema/neotool-config.schema.json\n");
            assertThat(schema.validate(YAML.readTree(text))).as(file.toString()).isEmpty();
        }
        for (String name :
                List.of("configs/staging/staging.yaml", "configs/postgres17/postgres17.yaml")) {
            assertThat(
                            schema.validate(
                                    YAML.readTree(
                                            Path.of("src/test/resources").resolve(name).toFile())))
                    .as(name)
                    .isEmpty();
        }
    }

    @Test
    void everyStructuralMistakeOfTheCorpusIsRejectedByTheSchemaAndTheLoader() throws IOException {
        Schema schema = schema();
        List<String> structural = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (String line :
                Files.readAllLines(BadConfigCorpusTest.CORPUS.resolve("expectations.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (!STRUCTURAL.matcher(f[4]).find()) {
                continue;
            }
            structural.add(f[0]);
            assertThat(BadConfigCorpusTest.problems(f[0]))
                    .as("the loader rejects " + f[0])
                    .isNotEmpty();
            JsonNode config =
                    YAML.readTree(BadConfigCorpusTest.CORPUS.resolve(f[0] + ".yaml").toFile());
            if (schema.validate(config).isEmpty()) {
                missed.add(f[0] + " (" + f[4] + ")");
            }
        }
        assertThat(structural).as("structural cases in the corpus").hasSizeGreaterThanOrEqualTo(15);
        assertThat(missed).as("structural mistakes the schema accepts").isEmpty();
    }
}
