package io.neotool.gitops.validate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks of one file on its own (secrets in its text and objects, parse problems), remembered
 * for the JVM by path and SHA-256 of the text: an everyday edit regenerates a tree of which all but
 * a file or two are the same, and a generate that validates, then a second goal, checks each such
 * file once. Only without schemas: a schema file may change under the same catalog, and the schemas
 * an object needs are known only by checking it. Bounded, so that a tree of 10,000 apps under a
 * small heap keeps only the first entries.
 */
final class CheckedFiles {
    private static final int MAX_ENTRIES = 20_000;

    private record Result(List<ValidationProblem> problems, int objects) {}

    private static final Map<String, Result> RESULTS = new ConcurrentHashMap<>();

    private CheckedFiles() {}

    /** {@code checks} of the file, or what they gave for the same path and text before. */
    static Documents.Outcome check(String file, String text, Documents.FileChecks checks) {
        String key = file + "\n" + sha256(text);
        Result known = RESULTS.get(key);
        if (known != null) {
            List<Manifest> documents =
                    file.endsWith(".yaml") ? Manifests.read(file, text, new ArrayList<>()) : null;
            return new Documents.Outcome(documents, known.problems(), known.objects(), 0);
        }
        Documents.Outcome outcome = checks.check(file, text);
        if (RESULTS.size() < MAX_ENTRIES) {
            RESULTS.put(key, new Result(List.copyOf(outcome.problems()), outcome.objects()));
        }
        return outcome;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
