package io.neotool.gitops.components.certmanager;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.neotool.gitops.components.prometheus.PrometheusSettings;
import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.Renovate;
import io.neotool.gitops.platform.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * cert-manager (jetstack chart, its CRDs included and kept on uninstall) with an ACME ClusterIssuer
 * answering HTTP-01 through the cluster's ingress class, and one Certificate per public host of the
 * config, each in a Secret that the host's Ingress serves. The issuer and the certificates go to
 * the configs layer, applied once the chart has created their CRDs.
 */
public final class CertManagerComponent extends HelmComponent<CertManagerSettings> {
    static final String NAME = "cert-manager";

    static final ChartSource CHARTS = new ChartSource("jetstack", "https://charts.jetstack.io");

    /** The pods cert-manager starts in the Certificate's namespace to answer HTTP-01 challenges. */
    static final String SOLVER = "cm-acme-http-solver";

    static final int SOLVER_PORT = 8089;
    static final int METRICS_PORT = 9402;

    /** The webhook's container port (its Service maps 443 to it). */
    static final int WEBHOOK_PORT = 10250;

    public CertManagerComponent() {
        super(NAME, Layer.CONTROLLERS, "certManager", CertManagerSettings.class, CHARTS, NAME);
    }

    @Override
    protected Map<String, Object> values(Context context) {
        EnvironmentConfig config = context.config();
        CertManagerSettings s = settings(config);
        ImageRef image = ImageRef.of(s.image());
        Map<String, Object> resources = Workloads.resourceValues(s.resources());
        Map<String, Object> values = new TreeMap<>();
        values.put("crds", Map.of("enabled", true, "keep", true));
        // The leader-election lease stays in the namespace (the chart's default is kube-system).
        values.put("global", Map.of("leaderElection", Map.of("namespace", context.namespace())));
        values.put("image", image(image, CertManagerSettings.CONTROLLER_IMAGE));
        values.put("resources", resources);
        values.put("acmesolver", Map.of("image", image(image, "cert-manager-acmesolver")));
        for (String part : List.of("webhook", "cainjector", "startupapicheck")) {
            values.put(
                    part,
                    Map.of("image", image(image, "cert-manager-" + part), "resources", resources));
        }
        // The controller's pods carry prometheus.io annotations only when this is on.
        values.put(
                "prometheus",
                Map.of("enabled", config.infrastructure().enabled(PrometheusSettings.class)));
        return values;
    }

    /** The image of one cert-manager binary: a sibling of the controller's, at its tag. */
    private static Map<String, Object> image(ImageRef controller, String name) {
        String repository = controller.repository();
        String folder = repository.substring(0, repository.lastIndexOf('/') + 1);
        return Map.of("repository", folder + name, "tag", controller.tag());
    }

    /** Every public host of the config: the components' and the apps', sorted. */
    static SortedSet<String> hosts(EnvironmentConfig config) {
        SortedSet<String> hosts = new TreeSet<>();
        for (ComponentSettings settings : config.infrastructure().components().values()) {
            if (settings.isEnabled() && settings.host() != null) {
                hosts.add(settings.host());
            }
        }
        for (AppConfig app : config.apps()) {
            if (app.host() != null) {
                hosts.add(app.host());
            }
        }
        return hosts;
    }

    /**
     * The Certificate (and its Secret) of a host: {@code api.neotool.io} → {@code
     * api-neotool-io-tls}.
     */
    static String certificate(String host) {
        return host.replace('.', '-') + "-tls";
    }

    /**
     * Every public host of the config gets a Certificate ({@link #customResources}), and only those
     * hosts have an Ingress to ask, so the answer needs no search through the config.
     */
    @Override
    public @Nullable String tlsSecret(EnvironmentConfig config, String host) {
        return certificate(host);
    }

    @Override
    public List<HasMetadata> customResources(Context context) {
        EnvironmentConfig config = context.config();
        CertManagerSettings.Acme acme = settings(config).acme();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(
                new GenericKubernetesResourceBuilder()
                        .withApiVersion("cert-manager.io/v1")
                        .withKind("ClusterIssuer")
                        .withNewMetadata()
                        .withName(acme.issuer())
                        .withLabels(Context.labels(NAME, "issuer"))
                        .endMetadata()
                        .addToAdditionalProperties(
                                "spec",
                                Map.of(
                                        "acme",
                                        Map.of(
                                                "email",
                                                acme.email(),
                                                "server",
                                                acme.server(),
                                                "privateKeySecretRef",
                                                Map.of("name", acme.issuer() + "-account-key"),
                                                "solvers",
                                                List.of(
                                                        Map.of(
                                                                "http01",
                                                                Map.of(
                                                                        "ingress",
                                                                        Map.of(
                                                                                "ingressClassName",
                                                                                config.cluster()
                                                                                        .ingressClass())))))))
                        .build());
        for (String host : hosts(config)) {
            objects.add(
                    new GenericKubernetesResourceBuilder()
                            .withApiVersion("cert-manager.io/v1")
                            .withKind("Certificate")
                            .withNewMetadata()
                            .withName(certificate(host))
                            .withNamespace(context.namespace())
                            .withLabels(Context.labels(NAME, "certificate"))
                            .endMetadata()
                            .addToAdditionalProperties(
                                    "spec",
                                    Map.of(
                                            "secretName",
                                            certificate(host),
                                            "dnsNames",
                                            List.of(host),
                                            "issuerRef",
                                            Map.of(
                                                    "group",
                                                    "cert-manager.io",
                                                    "kind",
                                                    "ClusterIssuer",
                                                    "name",
                                                    acme.issuer()),
                                            "privateKey",
                                            Map.of(
                                                    "algorithm",
                                                    "ECDSA",
                                                    "size",
                                                    256,
                                                    "rotationPolicy",
                                                    "Always")))
                            .build());
        }
        return objects;
    }

    /** The chart's pods by their instance label, and the ACME solver pods it starts. */
    @Override
    public Map<String, Map<String, String>> workloads(EnvironmentConfig config) {
        return Map.of(
                NAME,
                Map.of("app.kubernetes.io/instance", NAME),
                SOLVER,
                Map.of("acme.cert-manager.io/http01-solver", "true"));
    }

    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges = new ArrayList<>();
        edges.add(new Edge(NAME, Edge.API_SERVER, 443));
        edges.add(new Edge(NAME, Edge.API_SERVER, 6443));
        // the ACME directory, and the HTTP-01 self-check of each host through its public address
        edges.add(new Edge(NAME, Edge.INTERNET, 443));
        edges.add(new Edge(NAME, Edge.INTERNET, 80));
        // the API server calls the webhook from the host
        edges.add(new Edge(Edge.ANYWHERE, NAME, WEBHOOK_PORT));
        edges.add(new Edge(Edge.TRAEFIK, SOLVER, SOLVER_PORT));
        if (context.scraped()) {
            edges.add(new Edge("prometheus", NAME, METRICS_PORT));
        }
        return edges;
    }

    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return CertificateMetrics.of(context);
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of(
                "cert-manager",
                "cert-manager-webhook",
                "cert-manager-cainjector",
                "cert-manager-startupapicheck");
    }

    /** The chart and its images move together, and the config refuses them apart. */
    @Override
    public List<Map<String, Object>> renovateRules() {
        return List.of(
                Renovate.rule(
                        "cert-manager releases its chart and images together and the config refuses them apart: one pull request bumps both",
                        "matchPackageNames",
                        Renovate.packages(
                                NAME, "quay.io/jetstack/" + CertManagerSettings.CONTROLLER_IMAGE),
                        "groupName",
                        NAME));
    }
}
