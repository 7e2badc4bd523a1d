package io.neotool.gitops.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a credential looks like: shared by the config checks, the output scanner and the diff
 * masking.
 */
public final class Credentials {
    /** Literals that are credentials whatever key they sit under. */
    public static final Pattern LITERAL =
            Pattern.compile(
                    "(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|glpat-(?=[A-Za-z0-9_-]{0,40}[A-Z])[A-Za-z0-9_-]{20,}|xox[abprs]-\\d{6,}-[A-Za-z0-9-]{10,}"
                            + "|sk_live_[A-Za-z0-9]{16,}|-----BEGIN [A-Z ]*PRIVATE KEY[A-Z ]*-----|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\."
                            + "|[a-z][a-z0-9+.-]*://[^/\\s:@{]+:[^/\\s@{]+@)");

    /** What every match of {@link #LITERAL} contains: lines without any of these need no regex. */
    private static final List<String> LITERAL_MARKS =
            List.of("AKIA", "gh", "glpat-", "xox", "sk_live_", "-----BEGIN", "eyJ", "://");

    /** Whether {@code text} holds a credential whatever key it is under ({@link #LITERAL}). */
    public static boolean hasLiteral(String text) {
        for (String mark : LITERAL_MARKS) {
            if (text.contains(mark)) {
                return LITERAL.matcher(text).find();
            }
        }
        return false;
    }

    /** Key names under which a literal value is a secret. */
    public static final Pattern SECRET_NAME =
            Pattern.compile(
                    "(?i).*(password|passwd|secret|token|apikey|api_key|credential|private_?key|access_?key).*");

    /** Keys seen so far: a tree repeats a few hundred key names across all its objects. */
    private static final java.util.Map<String, Boolean> SECRET_NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Whether {@code key} is a name under which a literal value is a secret ({@link #SECRET_NAME}).
     */
    public static boolean isSecretName(String key) {
        if (key.length() < 5) {
            return false; // shorter than the shortest word ("token")
        }
        return SECRET_NAMES.computeIfAbsent(key, k -> SECRET_NAME.matcher(k).matches());
    }

    /** Bits per character above which a token is random enough to be a key (hex tops out at 4). */
    public static final double ENTROPY_THRESHOLD = 4.3;

    private Credentials() {}

    /**
     * Whether {@code value} holds a random-looking token of 32 characters or more: high entropy,
     * and upper-case letters, lower-case letters and digits mixed, as in the base64 of random
     * bytes. Generated names (DNS labels such as {@code recommendations-service-1076} in paths and
     * labels) are lower case, so they never count, however many of their letters differ.
     */
    public static boolean highEntropyToken(String value) {
        if (value.length() < 32) {
            return false; // no run of 32 token characters fits
        }
        // the maximal runs of 32 token characters or more ([A-Za-z0-9+/=_-]), found in one pass: a
        // regular expression retried its 32-character run at every position of a shorter run
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i < value.length() && tokenChar(value.charAt(i))) {
                continue;
            }
            if (i - start >= 32) {
                String token = value.substring(start, i);
                if (mixedCase(token) && entropy(token) >= ENTROPY_THRESHOLD) {
                    return true;
                }
            }
            start = i + 1;
        }
        return false;
    }

    private static boolean tokenChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '='
                || c == '_'
                || c == '-';
    }

    private static boolean mixedCase(String token) {
        return token.chars().anyMatch(Character::isUpperCase)
                && token.chars().anyMatch(Character::isLowerCase)
                && token.chars().anyMatch(Character::isDigit);
    }

    /** Shannon entropy of the characters, in bits per character. */
    public static double entropy(String text) {
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / text.length();
            entropy -= p * (Math.log(p) / Math.log(2));
        }
        return entropy;
    }
}
