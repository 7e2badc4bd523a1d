package io.neotool.gitops.components.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.NeotoolGitops;
import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.output.OutputTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code cluster.topology: ha} on the production fixture, moved as a user does it ({@link
 * TestSupport#ha}): PostgreSQL on CloudNativePG, PgBouncer as its Pooler, Kafka on Strimzi, each
 * with the config's settings; the apps' addresses unchanged; what the config may not ask.
 */
class ThreeNodesTest {
    private static final String CONFIGS = "infrastructure/production/configs/";

    private static OutputTree tree() {
        return new NeotoolGitops()
                .render(List.of(TestSupport.parse(TestSupport.ha(TestSupport.productionText()))));
    }

    @Test
    void postgresIsACloudNativePgClusterOfThreeWithContinuousBackup() {
        OutputTree tree = tree();
        assertThat(tree.files()).doesNotContainKey(CONFIGS + "postgres/statefulset-postgres.yaml");
        JsonNode cluster = Trees.yaml(tree, CONFIGS + "postgres/cluster-postgres.yaml");
        assertThat(cluster.at("/apiVersion").asString()).isEqualTo("postgresql.cnpg.io/v1");
        JsonNode spec = cluster.at("/spec");
        assertThat(spec.at("/instances").asInt()).isEqualTo(3);
        assertThat(spec.at("/imageName").asString())
                .isEqualTo("ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie");
        assertThat(spec.at("/postgresql/synchronous/number").asInt()).isEqualTo(1);
        assertThat(spec.at("/postgresql/parameters/max_connections").asString()).isEqualTo("200");
        assertThat(spec.at("/affinity/podAntiAffinityType").asString()).isEqualTo("required");
        assertThat(spec.at("/storage/size").asString()).isEqualTo("50Gi");
        assertThat(spec.at("/superuserSecret/name").asString()).isEqualTo("postgres-superuser");
        JsonNode store = spec.at("/backup/barmanObjectStore");
        assertThat(store.at("/destinationPath").asString())
                .isEqualTo("s3://neotool-backups/production/postgres/");
        assertThat(store.at("/s3Credentials/accessKeyId/name").asString())
                .isEqualTo("postgres-backup-s3");
        assertThat(spec.at("/backup/retentionPolicy").asString()).isEqualTo("14d");
        JsonNode scheduled =
                Trees.yaml(tree, CONFIGS + "postgres/scheduledbackup-postgres-daily.yaml");
        assertThat(scheduled.at("/spec/schedule").asString())
                .as("CloudNativePG's six fields: seconds first")
                .isEqualTo("0 0 3 * * *");
        assertThat(tree.get(CONFIGS + "postgres/configmap-postgres-databases.yaml").text())
                .as("the databases Job writes through the primary's Service")
                .contains("PGHOST=postgres-rw");
    }

    @Test
    void theClustersSecretsAreRenderedFromVaultByTheAgent() {
        JsonNode job = Trees.yaml(tree(), CONFIGS + "postgres/job-postgres-secrets.yaml");
        JsonNode annotations = job.at("/spec/template/metadata/annotations");
        String superuser =
                annotations.path("vault.hashicorp.com/agent-inject-template-superuser").asString();
        assertThat(superuser)
                .contains("name: postgres-superuser")
                .contains("type: kubernetes.io/basic-auth")
                .contains(
                        "password: {{ with secret \"secret/data/postgres/superuser\" }}{{ index .Data.data \"password\" | base64Encode }}{{ end }}");
        assertThat(
                        annotations
                                .path("vault.hashicorp.com/agent-inject-template-backup-s3")
                                .asString())
                .contains("ACCESS_KEY_ID: {{ with secret \"secret/data/backups/r2\" }}");
        assertThat(job.at("/spec/template/spec/containers/0/command").toString())
                .contains("/vault/secrets/superuser")
                .contains("/vault/secrets/backup-s3");
        JsonNode pod = job.at("/spec/template/spec");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true))
                .as("no API token for the pod: kubectl's is mounted into its container only")
                .isFalse();
        assertThat(pod.at("/containers/0/volumeMounts").toString())
                .contains("/var/run/secrets/kubernetes.io/serviceaccount");
        JsonNode role = Trees.yaml(tree(), CONFIGS + "postgres/role-postgres-secrets.yaml");
        assertThat(role.at("/rules/0/resourceNames").toString())
                .isEqualTo("[\"postgres-superuser\",\"postgres-backup-s3\"]");
    }

    @Test
    void pgBouncerIsThePoolerUnderTheSameName() {
        OutputTree tree = tree();
        JsonNode pooler = Trees.yaml(tree, CONFIGS + "pgbouncer/pooler-pgbouncer.yaml");
        assertThat(pooler.at("/spec/cluster/name").asString()).isEqualTo("postgres");
        assertThat(pooler.at("/spec/instances").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(pooler.at("/spec/pgbouncer/poolMode").asString()).isEqualTo("transaction");
        assertThat(
                        Trees.yaml(tree, CONFIGS + "pgbouncer/poddisruptionbudget-pgbouncer.yaml")
                                .at("/spec/maxUnavailable")
                                .asInt())
                .isEqualTo(1);
    }

    @Test
    void kafkaIsAStrimziKafkaOfThreeNodesWithTheTopicsAsObjects() {
        OutputTree tree = tree();
        JsonNode pool = Trees.yaml(tree, CONFIGS + "kafka/kafkanodepool-nodes.yaml");
        assertThat(pool.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(pool.at("/spec/roles").toString()).isEqualTo("[\"controller\",\"broker\"]");
        assertThat(pool.at("/spec/jvmOptions/-Xmx").asString()).isEqualTo("1g");
        JsonNode kafka = Trees.yaml(tree, CONFIGS + "kafka/kafka-kafka.yaml").at("/spec/kafka");
        assertThat(kafka.at("/version").asString()).isEqualTo("3.7.0");
        assertThat(kafka.at("/metadataVersion").asString()).isEqualTo("3.7-IV4");
        assertThat(kafka.at("/config/default.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafka.at("/config/min.insync.replicas").asInt()).isEqualTo(2);
        JsonNode topic = Trees.yaml(tree, CONFIGS + "kafka/kafkatopic-app.domain-events.yaml");
        assertThat(topic.at("/spec/topicName").asString()).isEqualTo("app.domain-events");
        assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(topic.at("/spec/config").isMissingNode())
                .as("no override of the Kafka's min.insync.replicas")
                .isTrue();
        assertThat(tree.files().keySet()).noneMatch(f -> f.endsWith("job-kafka-topics.yaml"));
        assertThat(
                        Trees.yaml(tree, CONFIGS + "kafka/service-kafka.yaml")
                                .at("/spec/selector/strimzi.io~1broker-role")
                                .asString())
                .isEqualTo("true");
    }

    @Test
    void theAppsKeepTheirAddressesAndBase() {
        OutputTree ha = tree();
        OutputTree one = new NeotoolGitops().render(List.of(TestSupport.production()));
        for (String app : List.of("app-service", "security-service", "web")) {
            String base = "apps/base/" + app + "/deployment-" + app + ".yaml";
            assertThat(ha.get(base).text()).as(base).isEqualTo(one.get(base).text());
        }
        assertThat(ha.get("apps/base/app-service/deployment-app-service.yaml").text())
                .as("the pods spread over the nodes, on any topology")
                .contains("topologySpreadConstraints")
                .contains("whenUnsatisfiable: ScheduleAnyway");
        assertThat(ha.files())
                .containsKey("apps/production/app-service/poddisruptionbudget-app-service.yaml");
        assertThat(one.files())
                .doesNotContainKey(
                        "apps/production/app-service/poddisruptionbudget-app-service.yaml");
    }

    @Test
    void aTopicNameThatIsNoObjectNameGetsAHashedOne() {
        String orders = io.neotool.gitops.components.kafka.KafkaTopicNames.objectName("Orders");
        assertThat(orders).startsWith("orders-").hasSize("orders-".length() + 8);
        assertThat(io.neotool.gitops.components.kafka.KafkaTopicNames.objectName("orders"))
                .isEqualTo("orders");
        assertThat(io.neotool.gitops.components.kafka.KafkaTopicNames.objectName("user_events"))
                .startsWith("user-events-");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            image: ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie | image: postgres:18rc1 | infrastructure.postgres.image | CloudNativePG cannot read the PostgreSQL major from the tag of 'postgres:18rc1'
            image: apache/kafka:3.7.0 | image: apache/kafka:3.6.2 | infrastructure.kafka.image | Strimzi 0.44.0 does not run Kafka 3.6.2
            cloudnativePg:\\n    chartVersion | cloudnativePg:\\n    enabled: false\\n    chartVersion | infrastructure.postgres | needs CloudNativePG (infrastructure.cloudnativePg)
            strimzi:\\n    chartVersion | strimzi:\\n    enabled: false\\n    chartVersion | infrastructure.kafka | needs Strimzi (infrastructure.strimzi)
            topology: ha\\n | topology: ha\\n  nodeSize: { cpu: "2", memory: 4Gi }\\n | cluster.nodeSize | the pods request 2.037 CPU and 4.91 GiB of each of the 3 node(s), more than the 2 CPU and 4 GiB a node offers
            topology: ha\\n | topology: single-node\\n | infrastructure.cloudnativePg | CloudNativePG runs PostgreSQL on three nodes, and the cluster's topology is single-node
            """)
    void refuses(String from, String to, String path, String message) {
        String text = TestSupport.ha(TestSupport.productionText());
        String find = from.strip().replace("\\n", "\n");
        assertThat(text).contains(find);
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            TestSupport.parse(
                    text.replaceFirst(
                            java.util.regex.Pattern.quote(find), to.strip().replace("\\n", "\n")));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        assertThat(problems)
                .anySatisfy(
                        p -> {
                            assertThat(p.path()).isEqualTo(path.strip());
                            assertThat(p.message()).startsWith(message.strip());
                            assertThat(p.line()).isPositive();
                        });
    }

    @Test
    void theReadmeStatesTheRequestsPerNode() {
        String readme = tree().get("clusters/production/README.md").text();
        assertThat(readme)
                .contains("| postgres | 3 | 500m | 1Gi |")
                .contains("| promtail | 1 per node | 50m | 64Mi |")
                .contains("Per node: **2.037 CPU and 4.91 GiB**");
    }

    @Test
    void theRunbookInstallsThreeServersAndUnsealsEachMember() {
        String text =
                TestSupport.ha(TestSupport.productionText())
                        .replace(
                                "kubernetesVersion: \"1.33\"\n",
                                "kubernetesVersion: \"1.33\"\n  k3sVersion: v1.33.5+k3s1\n");
        assertThat(text).contains("k3sVersion: v1.33.5+k3s1");
        String runbook =
                new NeotoolGitops()
                        .render(List.of(TestSupport.parse(text)))
                        .get("clusters/production/RUNBOOK.md")
                        .text();
        assertThat(runbook)
                .contains("A new cluster of three nodes")
                .contains("sh -s - server --cluster-init")
                .contains("sh -s - server --server https://<the first node>:6443")
                .contains("then the same on `vault-1` and `vault-2`");
    }

    @Test
    void theRunbookHasTheMoveAndPointInTimeRecovery() {
        String runbook = tree().get("clusters/production/RUNBOOK.md").text();
        assertThat(runbook)
                .contains("## Point-in-time recovery (CloudNativePG)")
                .contains("## Moving here from one node")
                .contains(
                        "kubectl -n production scale deployment app-service security-service unleash --replicas=0")
                .contains("create job --from=cronjob/database-backup move-to-ha")
                .contains("wait --for=condition=Ready kafka/kafka");
    }
}
