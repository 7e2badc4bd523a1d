package io.neotool.gitops.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.neotool.gitops.config.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the review shows what may be secret: values under secret-looking keys and Secret-named
 * objects masked, and text compared as unified line diffs with each credential-looking line masked.
 */
final class SecretMasking {
    /** What a masked value reads. */
    static final String MASK = "****";

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern SECRET_LINE =
            Pattern.compile(
                    "(?i).*(password|passwd|secret|token|api_?key|private_?key|access_?key)\\s*[=:]\\s*\\S.*");
    static final int CONTEXT = 2;

    private SecretMasking() {}

    /**
     * A unified diff of two texts with {@value #CONTEXT} lines of context, secrets masked line by
     * line.
     */
    static List<String> textDiff(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<String> unified =
                UnifiedDiffUtils.generateUnifiedDiff(
                        "before", "after", a, DiffUtils.diff(a, b), CONTEXT);
        List<String> lines = new ArrayList<>();
        for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
            lines.add(maskLine(line));
        }
        return lines;
    }

    static String maskLine(String line) {
        if (line.isEmpty() || line.startsWith("@@")) {
            return line;
        }
        String body = line.substring(1);
        if (Credentials.hasLiteral(body)
                || SECRET_LINE.matcher(body).matches()
                || Credentials.highEntropyToken(body)) {
            int at = Math.max(body.indexOf('='), body.indexOf(':'));
            return line.charAt(0) + (at > 0 ? body.substring(0, at + 1) + " " : "") + MASK;
        }
        return line;
    }

    static boolean secretKey(String key) {
        return Credentials.isSecretName(key) && !key.startsWith("vault.hashicorp.com/");
    }

    static boolean namedSecret(JsonNode node) {
        return node.has("name")
                && node.has("value")
                && Credentials.isSecretName(node.path("name").asString(""));
    }

    /**
     * A copy of {@code node} with the values of secret keys, secret env entries and credential
     * literals masked.
     */
    static JsonNode masked(JsonNode node, boolean secret) {
        if (node.isObject()) {
            boolean namedSecret = namedSecret(node);
            tools.jackson.databind.node.ObjectNode copy = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String k = field.getKey();
                copy.set(
                        k,
                        masked(
                                field.getValue(),
                                secret || secretKey(k) || (namedSecret && k.equals("value"))));
            }
            return copy;
        }
        if (node.isArray()) {
            tools.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(masked(item, secret)));
            return copy;
        }
        if (secret || (node.isString() && Credentials.hasLiteral(node.asString()))) {
            return JSON.getNodeFactory().stringNode(MASK);
        }
        return node;
    }
}
