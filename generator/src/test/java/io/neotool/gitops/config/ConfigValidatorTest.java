package io.neotool.gitops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.config.load.ConfigException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidatorTest {

    /** Each row: text to replace, replacement, expected key path, expected start of the message. */
    @ParameterizedTest(name = "{2}: {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            name: production\\n                  | name: Production\\n                      | cluster.name                              | 'Production' is not a valid name
            kubernetesVersion: "1.33"            | kubernetesVersion: "1.20"                | cluster.kubernetesVersion                 | unsupported Kubernetes version '1.20'
            kubernetesVersion: "1.33"\\n         | kubernetesVersion: "1.33"\\n  k3sVersion: v1.32.9+k3s1\\n | cluster.k3sVersion | K3S v1.32.9+k3s1 runs Kubernetes 1.32, not the cluster
            kubernetesVersion: "1.33"\\n         | kubernetesVersion: "1.33"\\n  k3sVersion: 1.33.5\\n | cluster.k3sVersion | '1.33.5' is not a K3S release
            interval: 1m                         | interval: 1 minute                       | flux.interval                             | '1 minute' is not a duration
            image: hashicorp/vault:1.21.1        | image: hashicorp/vault                   | infrastructure.vault.image                | image 'hashicorp/vault' has no tag
            image: grafana/loki:2.9.0            | image: grafana/loki:latest               | infrastructure.loki.image                 | image tag 'latest' is not pinned
            chartVersion: 8.4.8                  | chartVersion: ^8.4.0                     | infrastructure.grafana.chartVersion       | chart version '^8.4.0' is not pinned
            chartVersion: 25.30.2                | chartVersion: 25.x                       | infrastructure.prometheus.chartVersion    | chart version '25.x' is not pinned
            storage: 30Gi\\n    retention: 15d   | storage: 30GB\\n    retention: 15d       | infrastructure.prometheus.storage         | '30GB' is not a Kubernetes quantity
            poolMode: transaction                | poolMode: pooled                         | infrastructure.pgbouncer.poolMode         | 'pooled' is not an allowed value
            image: edoburu/pgbouncer:v1.25.2-p0  | image: edoburu/pgbouncer:v1.18.0-p0      | infrastructure.pgbouncer.image            | PgBouncer 1.18 is older than 1.19, the first that reads auth_dbname
            clusterId: 4L6g3nShT-eMCtK--X86sw    | clusterId: my-cluster                    | infrastructure.kafka.clusterId            | 'my-cluster' is not a Kafka cluster id
            host: grafana.neotool.io             | host: grafana.example.com                | infrastructure.grafana.host               | host 'grafana.example.com' is not under the cluster domain
            key: password }\\n\\n  pgbouncer     | key: 'pass word' }\\n\\n  pgbouncer      | infrastructure.postgres.superuserPassword.key | 'pass word' is not a Vault key name
            path: secret/data/grafana/admin      | path: /grafana/admin                     | infrastructure.grafana.adminPassword.path | '/grafana/admin' is not a Vault KV v2 path
            name: web\\n                         | name: ../web\\n                          | apps[2].name                              | '../web' is not a valid name
            name: web\\n                         | name: app-service\\n                     | apps[2].name                              | two apps are named 'app-service'
            name: web\\n                         | name: postgres\\n                        | apps[2].name                              | 'postgres' is the name of an infrastructure service
            port: 3000                           | port: 80                                 | apps[2].port                              | expected a port from 1024 to 65535, got 80
            LOG_FORMAT: json\\n    uses:\\n      database: { name: app | DB_PASSWORD: hunter2\\n    uses:\\n      database: { name: app | apps[1].env.DB_PASSWORD | a plaintext secret in the config
            schedule: "0 3 * * *"                | schedule: "every day"                    | backups.schedule                          | 'every day' is not a cron schedule
            retentionDays: 14                    | retentionDays: -3                        | backups.retentionDays                     | expected a positive integer, got -3
            endpoint: https://neotool.r2.cloudflarestorage.com | endpoint: https://key:secret@neotool.r2.cloudflarestorage.com | backups.target.endpoint | an external S3 target needs an https:// endpoint without credentials
            name: app, password                  | name: security, password                 | apps[1].uses.database.name                | database 'security' is taken by apps[0].uses.database
            supergraphFile: supergraph/neotool.graphql | supergraphFile: ../../etc/passwd   | infrastructure.apolloRouter.supergraphFile | no supergraph file '../../etc/passwd' beside the config
            """)
    void rejects(String from, String to, String path, String message) {
        String original = TestSupport.productionText();
        String find = from.strip().replace("\\n", "\n");
        assertThat(original).as("test data must match the committed config").contains(find);
        String yaml =
                original.replaceFirst(
                        java.util.regex.Pattern.quote(find),
                        java.util.regex.Matcher.quoteReplacement(to.strip().replace("\\n", "\n")));
        List<ConfigProblem> problems;
        try {
            TestSupport.parse(yaml);
            throw new AssertionError("accepted: " + to);
        } catch (ConfigException e) {
            problems = e.problems();
        }
        assertThat(problems)
                .anySatisfy(
                        p -> {
                            assertThat(p.path()).isEqualTo(path.strip());
                            assertThat(p.message()).startsWith(message.strip());
                            assertThat(p.line()).isPositive();
                        });
    }

    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            apps[1].uses.featureFlags | Unleash     | unleash:\\n    chartVersion | unleash:\\n    enabled: false\\n    chartVersion
            apps[0].uses.kafkaTopics  | Kafka       | kafka:\\n    image          | kafka:\\n    enabled: false\\n    image
            apps[2].uses.graphql      | Apollo Router | apolloRouter:\\n    chartVersion | apolloRouter:\\n    enabled: false\\n    chartVersion
            backups.target            | MinIO       | provider: r2\\n    endpoint: https://neotool.r2.cloudflarestorage.com | provider: minio
            """)
    void anAppCannotUseADisabledComponent(String path, String what, String from, String to) {
        String yaml =
                TestSupport.productionText()
                        .replace(
                                from.strip().replace("\\n", "\n"), to.strip().replace("\\n", "\n"));
        try {
            TestSupport.parse(yaml);
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems())
                    .anySatisfy(
                            p -> {
                                assertThat(p.path()).isEqualTo(path.strip());
                                assertThat(p.message())
                                        .isEqualTo(
                                                "needs " + what.strip() + ", which is not enabled");
                            });
        }
    }
}
