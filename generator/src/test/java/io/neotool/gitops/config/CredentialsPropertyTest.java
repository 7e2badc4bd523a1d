package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The secret scanner looks for secrets, not for digits: no line the generator writes about a
 * well-formed name is a "credential", and random keys still are.
 */
class CredentialsPropertyTest {

    /** A DNS-1123 label of up to 63 characters, as app and component names are. */
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> word =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(14);
        Arbitrary<String> number = Arbitraries.integers().between(0, 99_999).map(String::valueOf);
        return Arbitraries.oneOf(word, number)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5)
                .map(parts -> String.join("-", parts))
                .filter(n -> n.length() <= 63 && Character.isLetter(n.charAt(0)));
    }

    @Property(tries = 2000)
    void linesAboutGeneratedNamesAreNeverCredentials(
            @ForAll("names") String name, @ForAll @IntRange(min = 0, max = 9) int cluster) {
        String env = "cluster-" + cluster;
        for (String line :
                new String[] {
                    "  - ../base/" + name,
                    "    app.kubernetes.io/instance: " + name,
                    "    neotool.io/source: config/" + env + ".yaml#/apps/" + name,
                    "apps/base/" + name + "/deployment-" + name + ".yaml",
                    "infrastructure/"
                            + env
                            + "/controllers/network-policies/networkpolicy-"
                            + name
                            + ".yaml",
                    "  - name: ghcr.io/neotool/" + name + "-" + name,
                    "vault write auth/kubernetes/role/"
                            + name
                            + " bound_service_account_names="
                            + name
                }) {
            assertThat(Credentials.highEntropyToken(line)).as(line).isFalse();
            assertThat(Credentials.LITERAL.matcher(line).find()).as(line).isFalse();
        }
    }

    /**
     * Names a property run once drew that looked like token prefixes; the tokens themselves (put
     * together at run time, so that no secret scanner of the repository takes them for real ones).
     */
    @org.junit.jupiter.api.Test
    void tokenPrefixesInNamesAreNotTokens() {
        String slack = "xox" + "b-";
        String gitlab = "glp" + "at-";
        assertThat(Credentials.hasLiteral("  - name: ghcr.io/neotool/xoxa-aa-xoxa-aa")).isFalse();
        assertThat(Credentials.hasLiteral("app: " + gitlab + "abcdefghijklmnopqrstuv")).isFalse();
        assertThat(Credentials.hasLiteral("token: " + slack + "1234567890123-1234567890123-AbCd"))
                .isTrue();
        assertThat(Credentials.hasLiteral("token: " + gitlab + "xK3mQ9vLp2RsT8wYz4Ab")).isTrue();
    }

    @Property(tries = 500)
    void randomKeysAreStillFound(@ForAll @IntRange(min = 30, max = 64) int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        String token = Base64.getEncoder().encodeToString(key);
        // a random key of 40 characters or more lacks one of upper, lower or digit with a
        // probability below 1e-4
        if (token.length() >= 40 && token.chars().anyMatch(Character::isDigit)) {
            assertThat(Credentials.highEntropyToken("  api_key: " + token)).as(token).isTrue();
        }
    }

    /** Lines made of pieces of credentials and of ordinary text, in any order. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> piece =
                Arbitraries.of(
                        "AKIA",
                        "ABCDEFGHIJKLMNOP",
                        "ghp_",
                        "gh",
                        "glpat-",
                        "xoxb-",
                        "sk_live_",
                        "-----BEGIN RSA PRIVATE KEY-----",
                        "eyJ",
                        "abcdefghijklmno.",
                        "https://",
                        "user:pass@",
                        "host",
                        " ",
                        ": ",
                        "0123456789abcdefghijKLMNOPQRSTUV");
        return piece.list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void theQuickCheckAgreesWithTheFullPattern(@ForAll("lines") String line) {
        assertThat(Credentials.hasLiteral(line))
                .as(line)
                .isEqualTo(Credentials.LITERAL.matcher(line).find());
    }
}
