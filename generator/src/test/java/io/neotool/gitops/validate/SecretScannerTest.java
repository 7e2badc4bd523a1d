package io.neotool.gitops.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretScannerTest {
    @Test
    void theNameOfASecretObjectIsAReferenceNotASecret() {
        assertThat(SecretScanner.literalSecret("secretName", "api-neotool-io-tls")).isFalse();
        assertThat(SecretScanner.literalSecret("existingSecret", "grafana-admin")).isFalse();
    }

    @Test
    void aValueThatCannotNameAnObjectIsStillALiteral() {
        assertThat(SecretScanner.literalSecret("secretName", "Hunter2!")).isTrue();
        assertThat(SecretScanner.literalSecret("existingSecret", "s3cr3t value")).isTrue();
        assertThat(SecretScanner.literalSecret("password", "api-neotool-io-tls")).isTrue();
        assertThat(SecretScanner.literalSecret("secretKey", "api-neotool-io-tls")).isTrue();
    }

    @Test
    void anOpenPgpPublicKeyBlockMayLookRandomButNothingElseMay() {
        // 48 random bytes in base64, as a key block's line looks (made here: no key-like literal)
        byte[] bytes = new byte[48];
        new java.util.Random(42).nextBytes(bytes);
        String token = java.util.Base64.getEncoder().encodeToString(bytes);
        String text =
                "k0=$(key <<'KEY'\n"
                        + SecretScanner.PUBLIC_KEY_BEGIN
                        + "\n"
                        + token
                        + "\n"
                        + SecretScanner.PUBLIC_KEY_END
                        + "\nKEY\n)\n"
                        + "token="
                        + token
                        + "\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n";
        java.util.List<ValidationProblem> problems = new java.util.ArrayList<>();
        SecretScanner.scanText("clusters/production/vault-init.sh", text, problems);
        assertThat(problems)
                .extracting(ValidationProblem::file)
                .containsExactly(
                        "clusters/production/vault-init.sh:7",
                        "clusters/production/vault-init.sh:8");
    }
}
