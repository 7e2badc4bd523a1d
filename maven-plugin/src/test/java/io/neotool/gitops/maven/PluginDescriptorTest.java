package io.neotool.gitops.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What {@code mvn help:describe -Dplugin=neotool -Ddetail} and {@code neotool:help} show, read from
 * the plugin descriptor the build generates: every goal, every parameter described, in words that
 * survived the trip from Javadoc (no swallowed {@code <placeholders>} or {@code {braces}}).
 */
class PluginDescriptorTest {
    static Document descriptor;

    @BeforeAll
    static void read() throws Exception {
        Path file = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertThat(file).as("built by maven-plugin-plugin before the tests").isRegularFile();
        descriptor =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(Files.newInputStream(file));
    }

    private static String text(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().trim();
    }

    private static Map<String, Element> mojos() {
        Map<String, Element> mojos = new LinkedHashMap<>();
        NodeList list = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < list.getLength(); i++) {
            Element mojo = (Element) list.item(i);
            mojos.put(text(mojo, "goal"), mojo);
        }
        return mojos;
    }

    /** The editable parameters of a goal, with their descriptions. */
    private static Map<String, String> parameters(Element mojo) {
        Map<String, String> parameters = new LinkedHashMap<>();
        NodeList list =
                ((Element) mojo.getElementsByTagName("parameters").item(0))
                        .getElementsByTagName("parameter");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            if (text(p, "editable").equals("true")) {
                parameters.put(text(p, "name"), text(p, "description"));
            }
        }
        return parameters;
    }

    @Test
    void thePluginDescribesItselfAndEveryGoalItHas() {
        Element root = descriptor.getDocumentElement();
        String description = direct(root, "description");
        assertThat(description)
                .contains(
                        "neotool:generate",
                        "neotool:check",
                        "neotool:diff",
                        "neotool:validate",
                        "neotool:secrets",
                        "neotool:help")
                .doesNotContain("Thin Maven goals");
        assertThat(direct(root, "goalPrefix")).isEqualTo("neotool");
        assertThat(mojos().keySet())
                .containsExactlyInAnyOrder(
                        "generate", "check", "diff", "validate", "secrets", "help");
    }

    @Test
    void everyGoalAndParameterIsDescribedInFullWords() {
        List<String> problems = new ArrayList<>();
        mojos().forEach(
                        (goal, mojo) -> {
                            String description = text(mojo, "description");
                            if (description.length() < 40) {
                                problems.add(goal + ": description too short: " + description);
                            }
                            parameters(mojo)
                                    .forEach(
                                            (name, text) -> {
                                                if (text.length() < 10) {
                                                    problems.add(
                                                            goal + "." + name + ": no description");
                                                }
                                                // what a Javadoc placeholder or brace leaves behind
                                                // when the descriptor swallows it
                                                if (text.contains(" /.")
                                                        || text.contains("{")
                                                        || text.contains("}")
                                                        || text.contains("  ")) {
                                                    problems.add(
                                                            goal
                                                                    + "."
                                                                    + name
                                                                    + ": mangled description: "
                                                                    + text);
                                                }
                                            });
                        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theParametersSayTheirPropertiesAndDefaults() {
        Element generate = mojos().get("generate");
        assertThat(parameters(generate).get("env"))
                .contains("production", "config/production.yaml");
        assertThat(configuration(generate))
                .containsEntry("configDir", "${neotool.configDir}|${project.basedir}/config")
                .containsEntry("force", "${neotool.force}|false");
        Element diff = mojos().get("diff");
        assertThat(configuration(diff))
                .containsEntry("format", "${neotool.diff.format}|text")
                .containsEntry("failOnDanger", "${neotool.diff.failOnDanger}|false");
        assertThat(parameters(mojos().get("validate")).get("schemaLocation"))
                .contains("apps/deployment_v1.json");
    }

    /** Parameter name to {@code expression|default} from the descriptor's configuration section. */
    private static Map<String, String> configuration(Element mojo) {
        Map<String, String> out = new LinkedHashMap<>();
        Node configuration = mojo.getElementsByTagName("configuration").item(0);
        NodeList children = configuration.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                out.put(
                        e.getTagName(),
                        e.getTextContent().trim() + "|" + e.getAttribute("default-value"));
            }
        }
        return out;
    }

    private static String direct(Element parent, String tag) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }
}
