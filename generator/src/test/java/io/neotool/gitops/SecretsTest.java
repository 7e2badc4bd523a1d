package io.neotool.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The secrets a cluster reads, from its config: every Vault reference a workload reads, located in
 * the config; checked against a Vault (here one on 127.0.0.1 answering as KV v2 does; CI checks the
 * real one of the real-programs harness), and written out as {@code vault kv put} lines.
 */
class SecretsTest {

    @Test
    void everySecretTheClusterReadsIsListedWithItsConfigLine() {
        List<Secrets.Reference> refs = Secrets.of(TestSupport.production());
        assertThat(refs)
                .extracting(r -> r.path() + " " + r.key())
                .contains(
                        "secret/data/postgres/superuser password",
                        "secret/data/backups/r2 access_key_id",
                        "secret/data/backups/r2 secret_access_key",
                        "secret/data/apps/security-service/jwt private_key")
                .doesNotHaveDuplicates();
        Secrets.Reference superuser =
                refs.stream()
                        .filter(r -> r.path().equals("secret/data/postgres/superuser"))
                        .findFirst()
                        .orElseThrow();
        assertThat(superuser.configPath()).isEqualTo("infrastructure.postgres.superuserPassword");
        String[] lines = TestSupport.productionText().split("\n", -1);
        assertThat(lines[superuser.line() - 1]).contains("superuserPassword");
        assertThat(superuser.kvPath()).isEqualTo("secret/postgres/superuser");
    }

    @Test
    void aDisabledComponentsSecretsAreNotListed() {
        String yaml =
                TestSupport.productionText()
                        .replaceFirst("(\n  unleash:\n)", "$1    enabled: false\n")
                        .replace("featureFlags: true", "featureFlags: false");
        assertThat(Secrets.of(TestSupport.parse(yaml)))
                .extracting(Secrets.Reference::path)
                .doesNotContain("secret/data/unleash/database")
                .contains("secret/data/postgres/superuser");
    }

    @Test
    void aVaultWithoutASecretOrAKeyIsNamedForEach() throws IOException {
        HttpServer vault = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> stored =
                Map.of(
                        "/v1/secret/data/postgres/superuser",
                        "{\"data\":{\"data\":{\"password\":\"x\"},\"metadata\":{}}}",
                        "/v1/secret/data/backups/r2",
                        "{\"data\":{\"data\":{\"access_key_id\":\"a\"}}}");
        vault.createContext(
                "/v1/",
                exchange -> {
                    String body = stored.get(exchange.getRequestURI().getPath());
                    boolean allowed =
                            "root".equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"));
                    byte[] bytes =
                            (body == null ? "{\"errors\":[]}" : body)
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(
                            !allowed ? 403 : body == null ? 404 : 200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        vault.start();
        try {
            URI address = URI.create("http://127.0.0.1:" + vault.getAddress().getPort());
            List<Secrets.Reference> refs = Secrets.of(TestSupport.production());
            Map<Secrets.Reference, String> missing = Secrets.missing(refs, address, "root");
            assertThat(missing.values())
                    .contains(
                            "secret secret/data/backups/r2 has no key 'secret_access_key'",
                            "no secret at secret/data/unleash/database")
                    .doesNotContain("no secret at secret/data/postgres/superuser");
            assertThat(missing).hasSize(refs.size() - 2);
            try {
                Secrets.missing(refs, address, "wrong");
                throw new AssertionError("a refused token passed");
            } catch (IOException e) {
                assertThat(e.getMessage()).contains("Vault answered 403");
            }
        } finally {
            vault.stop(0);
        }
    }

    @Test
    void theSkeletonWritesEverySecretOnceWithItsKeysAndNoValue() {
        String skeleton = Secrets.skeleton(Secrets.of(TestSupport.production()));
        assertThat(skeleton)
                .contains("vault kv put secret/backups/r2 access_key_id='' secret_access_key=''\n")
                .contains("vault kv put secret/postgres/superuser password=''\n");
        assertThat(skeleton.lines().filter(l -> l.contains(" secret/backups/r2 "))).hasSize(1);
    }
}
