package io.neotool.gitops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.render.Templates;
import io.neotool.gitops.wiring.Observability;
import io.neotool.gitops.wiring.Wiring;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What is enabled is watched and nothing watches what is not there: disabling a component removes
 * its exporter, its alert rules and its dashboard, and no file of the tree names them any more.
 */
class MonitoringFollowsTheConfigTest {
    /**
     * Production with one app that uses nothing and no backups, so that any component may be
     * switched off (with those that need it).
     */
    static String base() {
        String text =
                TestSupport.productionText()
                        .replace(
                                "    supergraphFile: supergraph/neotool.graphql\n",
                                "    supergraphFile: supergraph/neotool.graphql\n"
                                        + "    externalSubgraphs: [app, security]\n");
        return text.substring(0, text.indexOf("\napps:\n"))
                + """

                apps:
                  - name: web
                    type: nextjs
                    image: ghcr.io/neotool/web:3.1.4
                    port: 3000
                    resources:
                      requests: { cpu: 100m, memory: 256Mi }
                      limits: { cpu: 500m, memory: 512Mi }
                """
                + "\n";
    }

    static String withBackups() {
        String text = TestSupport.productionText();
        return base() + text.substring(text.indexOf("\nbackups:\n"));
    }

    /** {@code keys}: the component, then those that need it, separated by {@code ;}. */
    static String disable(String text, String keys) {
        for (String key : keys.split(";", -1)) {
            text = text.replace("\n  " + key + ":\n", "\n  " + key + ":\n    enabled: false\n");
        }
        return text;
    }

    static String all(OutputTree tree) {
        return tree.files().values().stream().map(f -> f.text()).collect(Collectors.joining("\n"));
    }

    static Monitoring monitoring(LoadedConfig config) {
        return Observability.of(Wiring.context(config, new Templates()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "postgres;pgbouncer;unleash, postgres, neotool-postgres, postgres-exporter",
        "pgbouncer;unleash, pgbouncer, neotool-pgbouncer, pgbouncer-exporter",
        "kafka, kafka, neotool-kafka, kafka-exporter",
        "vault, vault, neotool-vault, vault_core_unsealed",
        "loki;promtail, , neotool-loki, loki_distributor",
        "certManager, certificates, neotool-cert-manager, certmanager_certificate",
        "apolloRouter, , neotool-apollo-router, http_server_request_duration_seconds"
    })
    void disablingAComponentRemovesWhatWatchesIt(
            String key, String group, String dashboard, String trace) {
        LoadedConfig on = TestSupport.parse(base());
        LoadedConfig off = TestSupport.parse(disable(base(), key));
        Monitoring before = monitoring(on);
        Monitoring after = monitoring(off);
        assertThat(before.dashboards()).extracting(Dashboard::uid).contains(dashboard);
        assertThat(after.dashboards()).extracting(Dashboard::uid).doesNotContain(dashboard);
        if (group != null) {
            assertThat(before.alerts()).extracting(Alert::group).contains(group);
            assertThat(after.alerts()).extracting(Alert::group).doesNotContain(group);
        }
        assertThat(all(Trees.generate(on))).contains(trace);
        assertThat(all(Trees.generate(off)))
                .doesNotContain(trace)
                .doesNotContain(dashboard + ".json");
    }

    @Test
    void withoutPrometheusNothingIsScrapedAlertedOrDrawn() {
        LoadedConfig off = TestSupport.parse(disable(base(), "prometheus;grafana"));
        assertThat(monitoring(off)).isEqualTo(Monitoring.NONE);
        String tree = all(Trees.generate(off));
        assertThat(tree)
                .doesNotContain("postgres-exporter", "pgbouncer-exporter", "kafka-exporter")
                .doesNotContain("prometheus.io/scrape: \"true\"\n        vault")
                .doesNotContain("alerting_rules.yml");
    }

    @Test
    void theBackupIsWatchedWhenThereIsOne() {
        assertThat(monitoring(TestSupport.parse(withBackups())).alerts())
                .extracting(Alert::name)
                .contains("BackupFailed", "BackupTooOld");
        assertThat(monitoring(TestSupport.parse(base())).alerts())
                .extracting(Alert::group)
                .doesNotContain("backups");
    }

    @Test
    void everyAppWithMetricsIsATargetAndItsTopicsHaveALagAlert() {
        LoadedConfig production = TestSupport.production();
        Monitoring m = monitoring(production);
        assertThat(m.targets())
                .contains(
                        "security-service (:8081/actuator/prometheus)",
                        "app-service (:8081/actuator/prometheus)");
        assertThat(m.alerts())
                .filteredOn(a -> a.name().equals("KafkaConsumerLag"))
                .singleElement()
                .extracting(Alert::expr)
                .asString()
                .contains("consumergroup=~\"security-service|app-service\"");
    }
}
