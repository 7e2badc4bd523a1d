package io.neotool.gitops.validate;

import io.neotool.gitops.config.Credentials;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Nothing in the tree may be a credential: no Secret object with data, no private-key block, no URL
 * with a password, no literal under a secret-looking key, no random-looking token outside an
 * OpenPGP public key block (the operators' keys Vault's shares are encrypted to). A finding names
 * the file and line; generation writes nothing.
 */
final class SecretScanner {
    static final String PUBLIC_KEY_BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    static final String PUBLIC_KEY_END = "-----END PGP PUBLIC KEY BLOCK-----";

    private SecretScanner() {}

    /** Scans the text of every file, line by line. */
    static void scanText(String file, String text, List<ValidationProblem> problems) {
        String[] lines = text.split("\n", -1);
        boolean publicKey = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            // an OpenPGP public key's lines look random and are meant to be read by anyone
            if (line.equals(PUBLIC_KEY_BEGIN) || line.equals(PUBLIC_KEY_END)) {
                publicKey = line.equals(PUBLIC_KEY_BEGIN);
                continue;
            }
            if (Credentials.hasLiteral(line)
                    || (!publicKey && Credentials.highEntropyToken(line))) {
                problems.add(
                        new ValidationProblem(
                                file + ":" + (i + 1),
                                ObjectRef.NONE,
                                "",
                                "this line looks like a credential; "
                                        + "secrets come from Vault at run time, never from Git"));
            }
        }
    }

    /** Checks one object: Secrets with data, and literal values under secret-looking keys. */
    static void scanObject(Manifest m, String text, List<ValidationProblem> problems) {
        if (m.kind().equals("Secret")
                && m.group().equals("core")
                && (m.object().has("data") || m.object().has("stringData"))) {
            problems.add(
                    new ValidationProblem(
                            m.file(),
                            m.id(),
                            "/data",
                            "a Secret with data in Git; "
                                    + "let the Vault agent render it in the pod instead"));
        }
        walk(m, m.object(), "", problems, text);
    }

    private static void walk(
            Manifest m,
            JsonNode node,
            String pointer,
            List<ValidationProblem> problems,
            String text) {
        if (node.isObject()) {
            boolean envEntry =
                    node.has("name") && node.has("value") && node.path("value").isString();
            if (envEntry
                    && literalSecret(node.path("name").asString(), node.path("value").asString())) {
                problems.add(
                        new ValidationProblem(
                                m.file(),
                                m.id(),
                                pointer + "/value",
                                "'"
                                        + node.path("name").asString()
                                        + "' is given a literal value; read it from Vault (<NAME>_FILE)"));
            }
            // a key of a named Secret ({secretName, secretKey}: the Vault chart's
            // extraSecretEnvironmentVars) names where a secret is, it is not one
            boolean keyOfSecret =
                    OBJECT_NAME.matcher(node.path("secretName").asString("")).matches()
                            && node.path("secretKey").isString();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                boolean literal =
                        value.isString()
                                && !(keyOfSecret && field.getKey().equals("secretKey"))
                                && literalSecret(field.getKey(), value.asString());
                if (!literal && !value.isContainer()) {
                    continue; // a plain scalar: nothing below it, no pointer to build
                }
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (literal) {
                    problems.add(
                            new ValidationProblem(
                                    m.file(),
                                    m.id(),
                                    child,
                                    "a literal value under a secret-looking key; secrets come from Vault"));
                }
                walk(m, value, child, problems, text);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isContainer()) {
                    walk(m, node.get(i), pointer + "/" + i, problems, text);
                }
            }
        }
    }

    /** Keys whose value is the name of a Secret object (a volume's, an Ingress TLS entry's). */
    private static final java.util.Set<String> SECRET_REFERENCE =
            java.util.Set.of("secretName", "existingSecret");

    private static final java.util.regex.Pattern OBJECT_NAME =
            java.util.regex.Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");

    /**
     * A value under a secret-looking name that is not a reference (a file, a Vault path, a
     * template, the object name of a Secret under {@code secretName} or {@code existingSecret}).
     */
    static boolean literalSecret(String name, String value) {
        if (value.isBlank() || !Credentials.isSecretName(name)) {
            return false;
        }
        boolean reference =
                name.endsWith("_FILE")
                        || name.endsWith("File")
                        || name.startsWith("vault.hashicorp.com/")
                        || value.startsWith("/")
                        || value.contains("/data/")
                        || value.contains("{{")
                        || (SECRET_REFERENCE.contains(name)
                                && OBJECT_NAME.matcher(value).matches());
        return !reference;
    }
}
