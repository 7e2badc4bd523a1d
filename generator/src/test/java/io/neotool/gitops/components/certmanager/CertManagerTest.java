package io.neotool.gitops.components.certmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neotool.gitops.TestSupport;
import io.neotool.gitops.Trees;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.load.ConfigException;
import io.neotool.gitops.output.OutputTree;
import io.neotool.gitops.wiring.Components;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** TLS for every public host: cert-manager, its ACME issuer, a Certificate per Ingress host. */
class CertManagerTest {
    private static final String CONTROLLERS = "infrastructure/production/controllers/";
    private static final String CONFIGS = "infrastructure/production/configs/";

    /** Every object of the tree, parsed. */
    private static List<JsonNode> objects(OutputTree tree) {
        List<JsonNode> objects = new ArrayList<>();
        tree.files()
                .forEach(
                        (path, file) -> {
                            if (path.endsWith(".yaml") && !path.endsWith("kustomization.yaml")) {
                                JsonNode node = Trees.read(file.text());
                                if (node != null && node.has("kind")) {
                                    objects.add(node);
                                }
                            }
                        });
        return objects;
    }

    /**
     * Host to the Secret its Ingress serves: the plain Ingresses', and those the charts render from
     * their {@code ingress} values (grafana, unleash, router).
     */
    private static Map<String, String> servedSecrets(OutputTree tree) {
        Map<String, String> served = new TreeMap<>();
        for (JsonNode o : objects(tree)) {
            JsonNode tls = tools.jackson.databind.node.MissingNode.getInstance();
            if (o.path("kind").asString().equals("Ingress")) {
                tls = o.at("/spec/tls");
            } else if (o.path("kind").asString().equals("HelmRelease")) {
                tls = o.at("/spec/values/ingress/tls");
            }
            for (JsonNode entry : tls) {
                for (JsonNode host : entry.path("hosts")) {
                    served.put(host.asString(), entry.path("secretName").asString());
                }
            }
        }
        return served;
    }

    /** Host to the Secret a Certificate of the tree writes its key pair to. */
    private static Map<String, String> issuedSecrets(OutputTree tree) {
        Map<String, String> issued = new TreeMap<>();
        for (JsonNode o : objects(tree)) {
            if (o.path("kind").asString().equals("Certificate")) {
                for (JsonNode host : o.at("/spec/dnsNames")) {
                    issued.put(host.asString(), o.at("/spec/secretName").asString());
                }
            }
        }
        return issued;
    }

    /** Every host an Ingress routes (plain and chart-rendered). */
    private static TreeSet<String> routedHosts(OutputTree tree) {
        TreeSet<String> hosts = new TreeSet<>();
        for (JsonNode o : objects(tree)) {
            if (o.path("kind").asString().equals("Ingress")) {
                o.at("/spec/rules").forEach(r -> hosts.add(r.path("host").asString()));
            } else if (o.at("/spec/values/ingress/enabled").asBoolean(false)) {
                for (JsonNode h : o.at("/spec/values/ingress/hosts")) {
                    hosts.add(h.isString() ? h.asString() : h.path("host").asString());
                }
            }
        }
        return hosts;
    }

    @Test
    void everyRoutedHostServesTheCertificateIssuedForIt() {
        OutputTree tree = Trees.generate(TestSupport.production());
        TreeSet<String> routed = routedHosts(tree);
        assertThat(routed)
                .containsExactly(
                        "api.neotool.io",
                        "app.neotool.io",
                        "flags.neotool.io",
                        "grafana.neotool.io");
        assertThat(servedSecrets(tree)).containsOnlyKeys(routed);
        assertThat(servedSecrets(tree)).isEqualTo(issuedSecrets(tree));
        for (JsonNode o : objects(tree)) {
            if (o.path("kind").asString().equals("Certificate")) {
                assertThat(o.at("/spec/issuerRef/kind").asString()).isEqualTo("ClusterIssuer");
                assertThat(o.at("/spec/issuerRef/name").asString()).isEqualTo("letsencrypt");
            }
        }
    }

    @Test
    void theIssuerAndCertificatesWaitForTheChartsCrdsInTheConfigsLayer() {
        OutputTree tree = Trees.generate(TestSupport.production());
        JsonNode release =
                Trees.yaml(tree, CONTROLLERS + "cert-manager/helmrelease-cert-manager.yaml");
        assertThat(release.at("/spec/values/crds/enabled").asBoolean()).isTrue();
        assertThat(release.at("/spec/values/crds/keep").asBoolean()).isTrue();
        assertThat(release.at("/spec/chart/spec/version").asString()).isEqualTo("v1.21.1");
        for (String part : List.of("webhook", "cainjector", "startupapicheck", "acmesolver")) {
            assertThat(release.at("/spec/values/" + part + "/image/tag").asString())
                    .as(part)
                    .isEqualTo("v1.21.1");
        }
        JsonNode issuer = Trees.yaml(tree, CONFIGS + "cert-manager/clusterissuer-letsencrypt.yaml");
        assertThat(issuer.at("/spec/acme/email").asString()).isEqualTo("ops@neotool.io");
        assertThat(issuer.at("/spec/acme/solvers/0/http01/ingress/ingressClassName").asString())
                .isEqualTo("traefik");
        assertThat(issuer.at("/metadata/namespace").isMissingNode()).as("cluster-scoped").isTrue();
        assertThat(tree.files().keySet())
                .filteredOn(p -> p.contains("/certificate-"))
                .allMatch(p -> p.startsWith(CONFIGS + "cert-manager/"))
                .hasSize(4);
        JsonNode resources = Trees.yaml(tree, "clusters/production/cert-manager-resources.yaml");
        assertThat(resources.at("/spec/path").asString())
                .isEqualTo("./" + CONFIGS + "cert-manager");
        assertThat(resources.at("/spec/dependsOn").toString())
                .as("applied once the chart's CRDs exist")
                .isEqualTo("[{\"name\":\"cert-manager\"}]");
    }

    @Test
    void traefikReachesTheSolverAndTheControllerReachesTheAcmeServer() {
        OutputTree tree = Trees.generate(TestSupport.production());
        String policies = CONTROLLERS + "network-policies/";
        JsonNode solver = Trees.yaml(tree, policies + "networkpolicy-cm-acme-http-solver.yaml");
        assertThat(
                        solver.at(
                                        "/spec/podSelector/matchLabels/acme.cert-manager.io~1http01-solver")
                                .asString())
                .isEqualTo("true");
        assertThat(
                        solver.at(
                                        "/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name")
                                .asString())
                .isEqualTo("traefik");
        assertThat(solver.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8089);
        JsonNode controller = Trees.yaml(tree, policies + "networkpolicy-cert-manager.yaml");
        List<Integer> egressPorts = new ArrayList<>();
        controller
                .at("/spec/egress")
                .forEach(
                        r -> r.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt())));
        assertThat(egressPorts).contains(443, 80, 6443);
        List<Integer> ingressPorts = new ArrayList<>();
        controller
                .at("/spec/ingress")
                .forEach(
                        r ->
                                r.path("ports")
                                        .forEach(p -> ingressPorts.add(p.path("port").asInt())));
        assertThat(ingressPorts)
                .as("the webhook, and metrics for Prometheus")
                .contains(10250, 9402);
    }

    @Test
    void withoutCertManagerNothingRefersToIt() {
        String yaml =
                TestSupport.productionText()
                        .replace("  certManager:\n", "  certManager:\n    enabled: false\n");
        OutputTree tree = Trees.generate(TestSupport.parse(yaml));
        assertThat(servedSecrets(tree)).isEmpty();
        assertThat(issuedSecrets(tree)).isEmpty();
        assertThat(tree.files().keySet())
                .noneMatch(p -> p.contains("cert-manager") || p.contains("jetstack"));
        tree.files()
                .values()
                .forEach(f -> assertThat(f.text()).as(f.path()).doesNotContain("cert-manager"));
        assertThat(routedHosts(tree)).hasSize(4);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            email: ops@neotool.io          | email: ops                                     | infrastructure.certManager.acme.email  | 'ops' is not an e-mail address
            cert-manager-controller:v1.21.1 | cert-manager-controller:v1.20.0              | infrastructure.certManager.image       | the image tag 'v1.20.0' is not the chart version v1.21.1
            jetstack/cert-manager-controller | jetstack/cert-manager-webhook                | infrastructure.certManager.image       | 'quay.io/jetstack/cert-manager-webhook:v1.21.1' is not the cert-manager controller image
            email: ops@neotool.io          | email: ops@neotool.io\\n      server: http://acme.test | infrastructure.certManager.acme.server | 'http://acme.test' is not an https URL
            email: ops@neotool.io          | emial: ops@neotool.io                          | infrastructure.certManager.acme.emial  | unknown key 'emial'
            """)
    void badSettingsAreLocated(String from, String to, String path, String message) {
        String yaml =
                TestSupport.productionText().replace(from.strip(), to.strip().replace("\\n", "\n"));
        assertThatThrownBy(() -> TestSupport.parse(yaml))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .anySatisfy(
                                                (ConfigProblem p) -> {
                                                    assertThat(p.path()).isEqualTo(path.strip());
                                                    assertThat(p.message())
                                                            .startsWith(message.strip());
                                                    assertThat(p.file())
                                                            .isEqualTo("config/test.yaml");
                                                    assertThat(p.line()).isGreaterThan(120);
                                                }));
    }

    @Test
    void anAppCannotTakeTheNameOfACertManagerService() {
        String yaml =
                TestSupport.productionText()
                        .replace("  - name: web\n", "  - name: cert-manager-webhook\n");
        assertThatThrownBy(() -> TestSupport.parse(yaml))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(ConfigProblem::message)
                                        .contains(
                                                "'cert-manager-webhook' is the name of an infrastructure service"));
        assertThat(Components.reservedNames())
                .contains("vault", "postgres-databases", "kafka-topics", "cert-manager-webhook");
    }
}
