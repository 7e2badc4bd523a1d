package io.neotool.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The edits a user makes to an environment config in an ordinary pull request, applied to any
 * config (not to known values): every pinned version bumped by one patch, an app added with a
 * database, a topic and a host, an app removed, an app renamed. Each reads the config it is given
 * and works on whatever it holds, so the tests that apply them hold for the configs users commit.
 */
public enum UserEdits {
    NONE(c -> c),
    BUMP_EVERY_VERSION(UserEdits::bumpVersions),
    ADD_AN_APP(UserEdits::addApp),
    REMOVE_AN_APP(c -> c.withApps(apps -> apps.remove(c.removable()))),
    RENAME_AN_APP(
            c ->
                    c.withApps(
                            apps ->
                                    ((ObjectNode) apps.get(c.removable()))
                                            .put("name", c.unusedName("renamed-service"))));

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(\\D*)$");

    private final UnaryOperator<Config> edit;

    UserEdits(UnaryOperator<Config> edit) {
        this.edit = edit;
    }

    /** The config text after this edit; {@code configDir} holds the files it names. */
    public String apply(String text, Path configDir) {
        if (this == NONE) {
            return text;
        }
        Config config = new Config((ObjectNode) YAML.readTree(text), configDir);
        return YAML.writeValueAsString(edit.apply(config).root());
    }

    /** Applies this edit to {@code <configDir>/<name>} in place. */
    public void applyTo(Path configDir, String name) {
        Path file = configDir.resolve(name);
        try {
            Files.writeString(file, apply(Files.readString(file), configDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A config as a YAML tree, and the folder its files are relative to. */
    record Config(ObjectNode root, Path configDir) {
        ArrayNode apps() {
            JsonNode apps = root.path("apps");
            if (!apps.isArray() || apps.isEmpty()) {
                throw new IllegalStateException("the config has no apps to edit");
            }
            return (ArrayNode) apps;
        }

        Config withApps(java.util.function.Consumer<ArrayNode> change) {
            change.accept(apps());
            return this;
        }

        boolean enabled(String component) {
            JsonNode node = root.path("infrastructure").path(component);
            return node.isObject() && node.path("enabled").asBoolean(true);
        }

        /**
         * The last app nothing else names: the supergraph does not route to it (a user removing a
         * subgraph's app edits the supergraph too).
         */
        int removable() {
            String supergraph = "";
            JsonNode file = root.at("/infrastructure/apolloRouter/supergraphFile");
            if (enabled("apolloRouter") && file.isString()) {
                try {
                    supergraph = Files.readString(configDir.resolve(file.asString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ArrayNode apps = apps();
            for (int i = apps.size() - 1; i >= 0; i--) {
                String name = apps.get(i).path("name").asString();
                if (!supergraph.contains("//" + name + "/")
                        && !supergraph.contains("//" + name + ":")) {
                    return i;
                }
            }
            throw new IllegalStateException("every app is a subgraph of the supergraph");
        }

        String unusedName(String wanted) {
            List<String> names = new ArrayList<>();
            apps().forEach(a -> names.add(a.path("name").asString()));
            String name = wanted;
            for (int i = 2; names.contains(name); i++) {
                name = wanted + "-" + i;
            }
            return name;
        }
    }

    /** Every image tag and chart version one patch up: the last number of the version plus one. */
    private static Config bumpVersions(Config config) {
        bump(config.root());
        return config;
    }

    private static void bump(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (value.isString() && (key.equals("chartVersion") || key.endsWith("mage"))) {
                    String version = value.asString();
                    int colon = key.equals("chartVersion") ? -1 : version.lastIndexOf(':');
                    object.put(
                            key,
                            version.substring(0, colon + 1)
                                    + nextPatch(version.substring(colon + 1)));
                } else {
                    bump(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(UserEdits::bump);
        }
    }

    static String nextPatch(String version) {
        Matcher m = LAST_NUMBER.matcher(version);
        if (!m.find()) {
            throw new IllegalStateException("no number in version " + version);
        }
        return version.substring(0, m.start()) + (Long.parseLong(m.group(1)) + 1) + m.group(2);
    }

    /** A Kotlin service with what an app usually brings: a database, a topic, a public host. */
    private static Config addApp(Config config) {
        ArrayNode apps = config.apps();
        String name = config.unusedName("orders-service");
        ObjectNode app = apps.addObject();
        app.put("name", name);
        app.put("type", "kotlin");
        app.put("image", "ghcr.io/neotool/" + name + ":1.0.0");
        app.put("port", 8080);
        app.put("metricsPort", 8081);
        app.put("replicas", 1);
        app.put(
                "host",
                name.replace("-service", "")
                        + "."
                        + config.root().at("/cluster/domain").asString());
        ObjectNode resources = app.putObject("resources");
        resources.putObject("requests").put("cpu", "100m").put("memory", "256Mi");
        resources.putObject("limits").put("cpu", "500m").put("memory", "512Mi");
        ObjectNode uses = app.putObject("uses");
        if (config.enabled("postgres")) {
            ObjectNode database = uses.putObject("database");
            database.put("name", name.replace("-service", "").replace('-', '_'));
            database.putObject("password")
                    .put("path", "secret/data/apps/" + name + "/database")
                    .put("key", "password");
        }
        if (config.enabled("kafka")) {
            uses.putArray("kafkaTopics").add(name.replace("-service", "") + ".events");
        }
        return config;
    }
}
