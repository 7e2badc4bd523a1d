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
}
