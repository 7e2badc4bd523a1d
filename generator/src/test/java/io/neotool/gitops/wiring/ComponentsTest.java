package io.neotool.gitops.wiring;

import static io.neotool.gitops.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.output.OutputTree;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What each component puts into the production tree. */
class ComponentsTest {
    static final String CONTROLLERS = "infrastructure/production/controllers/";
    static final String CONFIGS = "infrastructure/production/configs/";
    static OutputTree tree;
    static OutputTree dev;

    @BeforeAll
    static void generate() {
        tree = Trees.generate(TestSupport.production());
        dev = Trees.generate(TestSupport.dev());
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asString().equals(name)) {
                return e.path("value");
            }
        }
        throw new AssertionError("no env " + name + " in " + container);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void namespace() {
        JsonNode ns = yaml(tree, CONTROLLERS + "namespace/namespace-production.yaml");
        assertThat(ns.at("/kind").asString()).isEqualTo("Namespace");
        assertThat(ns.at("/metadata/name").asString()).isEqualTo("production");
    }

    @Test
    void helmSourcesOnlyForEnabledCharts() {
        assertThat(
                        yaml(tree, CONTROLLERS + "sources/helmrepository-hashicorp.yaml")
                                .at("/spec/url")
                                .asString())
                .isEqualTo("https://helm.releases.hashicorp.com");
        JsonNode oci = yaml(tree, CONTROLLERS + "sources/ocirepository-apollo-router.yaml");
        assertThat(oci.at("/apiVersion").asString()).isEqualTo("source.toolkit.fluxcd.io/v1");
        assertThat(oci.at("/spec/url").asString())
                .isEqualTo("oci://ghcr.io/apollographql/helm-charts/router");
        assertThat(oci.at("/spec/ref/tag").asString()).isEqualTo("2.7.0");
        assertThat(oci.at("/spec/layerSelector/mediaType").asString())
                .isEqualTo("application/vnd.cncf.helm.chart.content.v1.tar+gzip");
        assertThat(tree.get(CONTROLLERS + "sources/helmrepository-minio.yaml"))
                .as("MinIO is off in production")
                .isNull();
        assertThat(dev.get("infrastructure/dev/controllers/sources/helmrepository-minio.yaml"))
                .isNotNull();
    }

    @Test
    void vaultWithInjectorPinnedAndReadyWhileSealed() {
        JsonNode hr = yaml(tree, CONTROLLERS + "vault/helmrelease-vault.yaml");
        assertThat(hr.at("/apiVersion").asString()).isEqualTo("helm.toolkit.fluxcd.io/v2");
        assertThat(hr.at("/spec/chart/spec/chart").asString()).isEqualTo("vault");
        assertThat(hr.at("/spec/chart/spec/version").asString()).isEqualTo("0.32.0");
        assertThat(hr.at("/spec/values/server/image/tag").asString()).isEqualTo("1.21.1");
        assertThat(hr.at("/spec/values/injector/agentImage/tag").asString()).isEqualTo("1.21.1");
        assertThat(hr.at("/spec/values/injector/enabled").asBoolean()).isTrue();
        assertThat(hr.at("/spec/values/server/standalone/enabled").asBoolean()).isTrue();
        assertThat(hr.at("/spec/values/server/dataStorage/storageClass").asString())
                .isEqualTo("local-path");
        assertThat(hr.at("/spec/values/server/dataStorage/size").asString()).isEqualTo("10Gi");
        assertThat(hr.at("/spec/install/disableWait").isMissingNode())
                .as("Helm waits for the injector")
                .isTrue();
        assertThat(hr.at("/spec/values/server/readinessProbe/path").asString())
                .as(
                        "a sealed or uninitialized Vault counts as ready, so the release can be waited for")
                .isEqualTo("/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204");
        assertThat(hr.at("/spec/install/remediation/retries").asInt()).isEqualTo(3);
        assertThat(hr.at("/spec/upgrade/remediation/remediateLastFailure").asBoolean()).isTrue();
        assertThat(hr.at("/spec/driftDetection/mode").asString()).isEqualTo("enabled");
    }

    @Test
    void prometheusGrafanaLokiPromtail() {
        JsonNode prom = yaml(tree, CONTROLLERS + "prometheus/helmrelease-prometheus.yaml");
        assertThat(prom.at("/spec/chart/spec/version").asString()).isEqualTo("25.30.2");
        assertThat(prom.at("/spec/values/server/image/repository").asString())
                .isEqualTo("prom/prometheus");
        assertThat(prom.at("/spec/values/server/image/tag").asString()).isEqualTo("v2.55.1");
        assertThat(prom.at("/spec/values/server/retention").asString()).isEqualTo("15d");
        assertThat(prom.at("/spec/values/server/persistentVolume/storageClass").asString())
                .isEqualTo("local-path");

        JsonNode grafana = yaml(tree, CONTROLLERS + "grafana/helmrelease-grafana.yaml");
        assertThat(grafana.at("/spec/values/image/tag").asString()).isEqualTo("11.1.4");
        JsonNode sources = grafana.at("/spec/values/datasources/datasources.yaml/datasources");
        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).path("url").asString())
                .isEqualTo("http://prometheus.production.svc.cluster.local:9090");
        assertThat(prom.at("/spec/values/server/fullnameOverride").asString())
                .as("svc/prometheus")
                .isEqualTo("prometheus");
        assertThat(prom.at("/spec/values/server/service/servicePort").asInt())
                .as("port 9090")
                .isEqualTo(9090);
        assertThat(sources.get(1).path("url").asString())
                .isEqualTo("http://loki.production.svc.cluster.local:3100");
        assertThat(grafana.at("/spec/values/env/GF_SECURITY_ADMIN_PASSWORD__FILE").asString())
                .isEqualTo("/vault/secrets/admin-password");
        assertThat(
                        grafana.at(
                                        "/spec/values/podAnnotations/vault.hashicorp.com~1agent-inject-secret-admin-password")
                                .asString())
                .isEqualTo("secret/data/grafana/admin");
        assertThat(grafana.at("/spec/values/ingress/hosts/0").asString())
                .isEqualTo("grafana.neotool.io");

        JsonNode loki = yaml(tree, CONTROLLERS + "loki/helmrelease-loki.yaml");
        assertThat(loki.at("/spec/chart/spec/version").asString()).isEqualTo("5.21.0");
        assertThat(loki.at("/spec/values/loki/image/tag").asString()).isEqualTo("2.9.0");
        assertThat(loki.at("/spec/values/loki/commonConfig/replication_factor").asInt())
                .isEqualTo(1);
        assertThat(loki.at("/spec/values/loki/storage/type").asString()).isEqualTo("filesystem");
        assertThat(loki.at("/spec/values/singleBinary/replicas").asInt()).isEqualTo(1);
        assertThat(loki.at("/spec/values/monitoring/selfMonitoring/enabled").asBoolean()).isFalse();
        assertThat(loki.at("/spec/values/monitoring/lokiCanary/enabled").asBoolean()).isFalse();
        assertThat(loki.at("/spec/values/test/enabled").asBoolean()).isFalse();

        JsonNode promtail = yaml(tree, CONTROLLERS + "promtail/helmrelease-promtail.yaml");
        assertThat(promtail.at("/spec/values/image/tag").asString()).isEqualTo("2.9.0");
        assertThat(promtail.at("/spec/values/config/clients/0/url").asString())
                .isEqualTo("http://loki.production.svc.cluster.local:3100/loki/api/v1/push");
    }

    @Test
    void apolloRouterFromOciWithTheCommittedSupergraph() {
        JsonNode hr = yaml(tree, CONFIGS + "apollo-router/helmrelease-apollo-router.yaml");
        assertThat(hr.at("/spec/chart").isMissingNode()).isTrue();
        assertThat(hr.at("/spec/chartRef/kind").asString()).isEqualTo("OCIRepository");
        assertThat(hr.at("/spec/chartRef/name").asString()).isEqualTo("apollo-router");
        assertThat(hr.at("/spec/values/image/tag").asString()).isEqualTo("v2.7.0");
        assertThat(hr.at("/spec/values/router/configuration/supergraph/listen").asString())
                .isEqualTo("0.0.0.0:4000");
        assertThat(hr.at("/spec/values/router/configuration/health_check/listen").asString())
                .isEqualTo("0.0.0.0:8088");
        assertThat(texts(hr.at("/spec/values/router/args"))).contains("--supergraph");
        JsonNode cm = yaml(tree, CONFIGS + "apollo-router/configmap-apollo-router-supergraph.yaml");
        assertThat(cm.at("/data/supergraph.graphql").asString())
                .contains("http://app-service/graphql");
    }

    @Test
    void unleashOnTheSharedDatabaseThroughVault() {
        JsonNode hr = yaml(tree, CONFIGS + "unleash/helmrelease-unleash.yaml");
        assertThat(hr.at("/spec/values/image/tag").asString()).isEqualTo("7.5.0");
        assertThat(hr.at("/spec/values/dbConfig/host").asString()).isEqualTo("pgbouncer");
        assertThat(hr.at("/spec/values/dbConfig/pass").asString()).isEmpty();
        assertThat(hr.at("/spec/values/env/0/name").asString()).isEqualTo("DATABASE_URL_FILE");
        assertThat(
                        hr.at(
                                        "/spec/values/podAnnotations/vault.hashicorp.com~1agent-inject-template-database-url")
                                .asString())
                .contains("secret/data/unleash/database")
                .as(
                        "the password percent-encoded in the URL's userinfo (a / @ : # ? % or space would break it)")
                .contains(
                        "postgres://unleash:{{ .Data.data.password | urlquery | replaceAll \"+\" \"%20\" }}@pgbouncer:5432/unleash");
        assertThat(hr.toString()).doesNotContain("postgresql\":{\"enabled\":true");
    }

    /**
     * postgres_exporter reads with least privilege: a pg_monitor role the databases Job creates,
     * over the server's socket, with no password and no superuser in its container.
     */
    @Test
    void postgresExporterIsAMonitoringRoleOverTheSocket() {
        JsonNode sts = yaml(tree, CONFIGS + "postgres/statefulset-postgres.yaml");
        JsonNode metrics = sts.at("/spec/template/spec/containers/1");
        assertThat(metrics.path("name").asString()).isEqualTo("metrics");
        assertThat(metrics.path("env").toString())
                .contains(
                        "host=/var/run/postgresql user=postgres_exporter dbname=postgres sslmode=disable")
                .doesNotContain("postgres-password", "DATA_SOURCE_USER", "DATA_SOURCE_PASS_FILE");
        assertThat(metrics.at("/volumeMounts/0/mountPath").asString())
                .as("the server's socket folder")
                .isEqualTo("/var/run/postgresql");
        String script =
                yaml(tree, CONFIGS + "postgres/configmap-postgres-databases.yaml")
                        .at("/data/ensure-databases.sh")
                        .asString();
        assertThat(script)
                .contains(
                        "ALTER ROLE postgres_exporter WITH LOGIN NOSUPERUSER PASSWORD NULL;",
                        "GRANT pg_monitor TO postgres_exporter;",
                        "GRANT CONNECT ON DATABASE postgres TO postgres_exporter;");
    }

    @Test
    void postgresStatefulSetOnLocalPath() {
        JsonNode sts = yaml(tree, CONFIGS + "postgres/statefulset-postgres.yaml");
        JsonNode container = sts.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asString()).isEqualTo("postgres:18rc1");
        assertThat(env(container, "POSTGRES_PASSWORD_FILE").asString())
                .isEqualTo("/vault/secrets/postgres-password");
        assertThat(container.at("/volumeMounts/0/mountPath").asString())
                .isEqualTo("/var/lib/postgresql");
        assertThat(container.at("/readinessProbe/exec/command/0").asString())
                .isEqualTo("pg_isready");
        assertThat(container.at("/resources/limits/memory").asString()).isEqualTo("2Gi");
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asString())
                .isEqualTo("local-path");
        assertThat(
                        sts.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage")
                                .asString())
                .isEqualTo("50Gi");
        assertThat(sts.at("/spec/serviceName").asString()).isEqualTo("postgres-headless");
        assertThat(
                        sts.at(
                                        "/spec/template/metadata/annotations/vault.hashicorp.com~1agent-inject-secret-postgres-password")
                                .asString())
                .isEqualTo("secret/data/postgres/superuser");
        assertThat(
                        sts.at(
                                        "/spec/template/metadata/annotations/vault.hashicorp.com~1agent-inject-secret-db-app")
                                .isMissingNode())
                .as(
                        "the server reads only the superuser's password; owners' passwords go to the Job")
                .isTrue();
        JsonNode job = yaml(tree, CONFIGS + "postgres/job-postgres-databases.yaml");
        assertThat(
                        job.at(
                                        "/spec/template/metadata/annotations/vault.hashicorp.com~1agent-inject-secret-db-app")
                                .isMissingNode())
                .as("the shared Job reads no app's password: a missing one must not hold it up")
                .isTrue();
        JsonNode own =
                yaml(tree, "apps/production/app-service-database/job-app-service-database.yaml");
        assertThat(
                        own.at(
                                        "/spec/template/metadata/annotations/vault.hashicorp.com~1agent-inject-secret-db-app")
                                .asString())
                .as("the app's own database Job reads its owner's password")
                .isEqualTo("secret/data/apps/app-service/database");
        assertThat(own.at("/spec/template/spec/serviceAccountName").asString())
                .isEqualTo("postgres-databases");
        assertThat(
                        yaml(tree, CONFIGS + "postgres/service-postgres-headless.yaml")
                                .at("/spec/clusterIP")
                                .asString())
                .isEqualTo("None");
        assertThat(tree.get(CONFIGS + "postgres/configmap-postgres-init.yaml"))
                .as("databases come from the Job, not initdb")
                .isNull();
        String script =
                yaml(tree, CONFIGS + "postgres/configmap-postgres-databases.yaml")
                        .at("/data/ensure-databases.sh")
                        .asString();
        assertThat(script)
                .contains(
                        "ensure_database unleash /vault/secrets/db-unleash",
                        "CREATE OR REPLACE FUNCTION pgbouncer.get_auth",
                        "usename IN ('app', 'security', 'unleash')")
                .as("the apps' databases are their own Jobs'")
                .doesNotContain("ensure_database app ", "ensure_database security ");
        assertThat(
                        yaml(tree, CONFIGS + "postgres/configmap-postgres-databases.yaml")
                                .at("/data/ensure-database.sh")
                                .asString())
                .as("the one-database script each app's Job runs")
                .contains("ensure_database \"$1\" \"$2\"")
                .doesNotContain("ensure_database security", "get_auth");
        assertThat(
                        yaml(
                                        tree,
                                        "apps/production/app-service-database/job-app-service-database.yaml")
                                .at("/spec/template/spec/containers/0/command")
                                .toString())
                .isEqualTo(
                        "[\"/bin/bash\",\"/scripts/ensure-database.sh\",\"app\",\"/vault/secrets/db-app\"]");
    }

    @Test
    void pgbouncerIniRenderedFromTheConfig() {
        String ini =
                yaml(tree, CONFIGS + "pgbouncer/configmap-pgbouncer-config.yaml")
                        .at("/data/pgbouncer.ini")
                        .asString();
        assertThat(ini)
                .contains(
                        "app = host=postgres port=5432 dbname=app\n",
                        "unleash = host=postgres port=5432 dbname=unleash pool_mode=session\n",
                        "pool_mode = transaction\n",
                        "max_client_conn = 500\n",
                        "default_pool_size = 20\n",
                        "auth_file = /vault/secrets/userlist.txt\n");
        JsonNode deployment = yaml(tree, CONFIGS + "pgbouncer/deployment-pgbouncer.yaml");
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asString())
                .isEqualTo("edoburu/pgbouncer:v1.25.2-p0");
        assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1config").asString())
                .hasSize(64);
        assertThat(
                        deployment
                                .at(
                                        "/spec/template/metadata/annotations/vault.hashicorp.com~1agent-inject-template-userlist.txt")
                                .asString())
                .as("a double quote in the password is written twice, as auth_file's format wants")
                .contains(
                        "\"pgbouncer\" \"{{ .Data.data.password | replaceAll \"\\\"\" \"\\\"\\\"\" }}\"");
        assertThat(
                        deployment
                                .at("/spec/template/spec/containers/0/volumeMounts/0/mountPath")
                                .asString())
                .isEqualTo("/etc/pgbouncer/pgbouncer.ini");
    }

    @Test
    void kafkaKraftCombinedMode() {
        JsonNode sts = yaml(tree, CONFIGS + "kafka/statefulset-kafka.yaml");
        JsonNode container = sts.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asString()).isEqualTo("apache/kafka:3.7.0");
        assertThat(env(container, "KAFKA_PROCESS_ROLES").asString()).isEqualTo("broker,controller");
        assertThat(env(container, "KAFKA_CONTROLLER_QUORUM_VOTERS").asString())
                .isEqualTo("1@kafka-0.kafka-headless.production.svc.cluster.local:9093");
        assertThat(env(container, "KAFKA_ADVERTISED_LISTENERS").asString())
                .isEqualTo("PLAINTEXT://kafka-0.kafka-headless.production.svc.cluster.local:9092");
        assertThat(env(container, "CLUSTER_ID").asString()).isEqualTo("4L6g3nShT-eMCtK--X86sw");
        assertThat(env(container, "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asString())
                .isEqualTo("1");
        assertThat(sts.at("/spec/template/spec/enableServiceLinks").asBoolean(true)).isFalse();
        assertThat(sts.at("/spec/template/spec/securityContext/fsGroup").asInt()).isEqualTo(1000);
        assertThat(
                        yaml(tree, CONFIGS + "kafka/service-kafka-headless.yaml")
                                .at("/spec/clusterIP")
                                .asString())
                .isEqualTo("None");
        JsonNode job = yaml(tree, CONFIGS + "kafka/job-kafka-topics.yaml");
        assertThat(job.at("/metadata/annotations/kustomize.toolkit.fluxcd.io~1force").asString())
                .isEqualTo("enabled");
        assertThat(job.at("/spec/template/spec/containers/0/command/2").asString())
                .contains("--topic app.domain-events ", "--topic security.user-events ");
    }

    @Test
    void dailyBackupToR2InProductionAndMinioInDev() throws Exception {
        JsonNode cron = yaml(tree, CONFIGS + "backup/cronjob-database-backup.yaml");
        assertThat(cron.at("/spec/schedule").asString()).isEqualTo("0 3 * * *");
        assertThat(cron.at("/spec/concurrencyPolicy").asString()).isEqualTo("Forbid");
        JsonNode pod = cron.at("/spec/jobTemplate/spec/template");
        assertThat(
                        pod.at("/metadata/annotations/vault.hashicorp.com~1agent-pre-populate-only")
                                .asString())
                .isEqualTo("true");
        assertThat(pod.at("/spec/initContainers/0/image").asString()).isEqualTo("postgres:18rc1");
        assertThat(pod.at("/metadata/annotations/vault.hashicorp.com~1agent-init-first").asString())
                .as("the dump init container reads the rendered password")
                .isEqualTo("true");
        assertThat(pod.at("/spec/containers/0/image").asString())
                .isEqualTo("minio/mc:RELEASE.2024-11-21T17-21-54Z");
        String script =
                yaml(tree, CONFIGS + "backup/configmap-database-backup-script.yaml")
                        .at("/data/backup.sh")
                        .asString();
        assertThat(script)
                .contains(
                        "pg_dump --host=postgres",
                        "/dumps/$stamp/app.dump",
                        "https://neotool.r2.cloudflarestorage.com",
                        "--older-than 14d",
                        "target/neotool-backups/production/");
        assertThat(script)
                .as("the postgres database holds PgBouncer's lookup function: it is dumped too")
                .contains("--file=\"/dumps/$stamp/postgres.dump\" postgres\n");
        // the script itself, run by sh with no argument: its usage, not "1: parameter not set"
        java.nio.file.Path file = java.nio.file.Files.createTempFile("backup", ".sh");
        try {
            java.nio.file.Files.writeString(file, script);
            Process sh =
                    new ProcessBuilder("sh", file.toString()).redirectErrorStream(true).start();
            String out =
                    new String(
                            sh.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
            assertThat(sh.waitFor()).as(out).isEqualTo(2);
            assertThat(out)
                    .isEqualTo(
                            "usage: backup.sh dump|upload|fetch|restore|drill|check DUMP DB|snapshot\n");
        } finally {
            java.nio.file.Files.delete(file);
        }
        String devScript =
                yaml(dev, "infrastructure/dev/configs/backup/configmap-database-backup-script.yaml")
                        .at("/data/backup.sh")
                        .asString();
        assertThat(devScript).contains("http://minio.neotool-dev.svc.cluster.local:9000");
        assertThat(
                        yaml(dev, "infrastructure/dev/controllers/minio/helmrelease-minio.yaml")
                                .at("/spec/values/buckets/0/name")
                                .asString())
                .isEqualTo("neotool-backups");
    }

    @Test
    void appsAreWiredToWhatTheyUse() {
        JsonNode deployment = yaml(tree, "apps/base/app-service/deployment-app-service.yaml");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asString())
                .as("the tag comes from the overlay")
                .isEqualTo("ghcr.io/neotool/app-service");
        assertThat(env(container, "DATABASE_HOST").asString()).isEqualTo("pgbouncer");
        assertThat(env(container, "DATABASE_PASSWORD_FILE").asString())
                .isEqualTo("/vault/secrets/database-password");
        assertThat(env(container, "KAFKA_BOOTSTRAP_SERVERS").asString()).isEqualTo("kafka:9092");
        assertThat(env(container, "UNLEASH_URL").asString()).isEqualTo("http://unleash:4242/api");
        assertThat(env(container, "UNLEASH_API_TOKEN_FILE").asString())
                .isEqualTo("/vault/secrets/unleash-token");
        assertThat(container.at("/readinessProbe/httpGet/path").asString())
                .isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/livenessProbe/httpGet/path").asString())
                .isEqualTo("/actuator/health/liveness");
        assertThat(
                        deployment
                                .at("/spec/template/metadata/annotations/vault.hashicorp.com~1role")
                                .asString())
                .isEqualTo("app-service");
        assertThat(
                        deployment
                                .at("/spec/template/metadata/annotations/prometheus.io~1port")
                                .asString())
                .isEqualTo("8081");
        assertThat(
                        deployment
                                .at("/spec/template/metadata/annotations/prometheus.io~1path")
                                .asString())
                .isEqualTo("/actuator/prometheus");
        assertThat(container.at("/ports/1/name").asString()).isEqualTo("metrics");

        JsonNode web =
                yaml(tree, "apps/base/web/deployment-web.yaml")
                        .at("/spec/template/spec/containers/0");
        assertThat(env(web, "GRAPHQL_URL").asString()).isEqualTo("http://apollo-router/graphql");
        assertThat(web.toString()).doesNotContain("DATABASE_HOST");

        for (String app : List.of("app-service", "security-service", "web")) {
            JsonNode overlay = yaml(tree, "apps/production/" + app + "/kustomization.yaml");
            assertThat(overlay.at("/namespace").asString()).isEqualTo("production");
            assertThat(
                            yaml(tree, "clusters/production/" + app + ".yaml")
                                    .at("/spec/path")
                                    .asString())
                    .as("each app its own Flux Kustomization, named after it")
                    .isEqualTo("./apps/production/" + app);
        }
        JsonNode appService = yaml(tree, "apps/production/app-service/kustomization.yaml");
        assertThat(appService.at("/images").toString())
                .isEqualTo("[{\"name\":\"ghcr.io/neotool/app-service\",\"newTag\":\"2.3.0\"}]");
        assertThat(texts(appService.at("/resources"))).containsExactly("../../base/app-service");
        JsonNode webOverlay = yaml(tree, "apps/production/web/kustomization.yaml");
        assertThat(webOverlay.at("/replicas").toString())
                .isEqualTo("[{\"name\":\"web\",\"count\":2}]");
        assertThat(texts(webOverlay.at("/resources")))
                .containsExactly("../../base/web", "ingress-web.yaml");
        JsonNode patch = Trees.read(webOverlay.at("/patches/0/patch").asString());
        assertThat(patch.at("/0/path").asString())
                .isEqualTo("/spec/template/spec/containers/0/resources");
        assertThat(webOverlay.at("/patches/0/target/name").asString()).isEqualTo("web");

        JsonNode ingress = yaml(tree, "apps/production/web/ingress-web.yaml");
        assertThat(ingress.at("/spec/ingressClassName").asString()).isEqualTo("traefik");
        assertThat(ingress.at("/spec/rules/0/host").asString()).isEqualTo("app.neotool.io");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asString())
                .isEqualTo("web");
        assertThat(tree.get("apps/production/app-service/ingress-app-service.yaml"))
                .as("not public")
                .isNull();
    }
}
