package io.neotool.gitops.components.vault;

import io.neotool.gitops.config.AppConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.platform.ChartSource;
import io.neotool.gitops.platform.Context;
import io.neotool.gitops.platform.Edge;
import io.neotool.gitops.platform.HelmComponent;
import io.neotool.gitops.platform.Layer;
import io.neotool.gitops.platform.PodSecurity;
import io.neotool.gitops.platform.VaultInjection;
import io.neotool.gitops.platform.Workloads;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vault, standalone on integrated storage (raft, {@link VaultStorage}), with its agent injector:
 * the injector's webhook is how every other workload receives its secrets, so Vault lives in the
 * controllers layer and the releases it injects wait for it. A new Vault is sealed until a person
 * initializes and unseals it; its readiness probe asks {@code /v1/sys/health} to count a sealed or
 * uninitialized server as ready, so that Helm can wait for the release (above all for the injector)
 * without waiting for a person.
 */
public final class VaultComponent extends HelmComponent<VaultSettings> {
    /** Where the chart comes from: HashiCorp's repository. */
    static final ChartSource CHARTS =
            new ChartSource("hashicorp", "https://helm.releases.hashicorp.com");

    static final String NAME = VaultInjection.VAULT;

    /** Raft's and request forwarding's port between the members of an HA Vault. */
    static final int CLUSTER_PORT = 8201;

    /** The injector's webhook port, which the API server calls. */
    static final int INJECTOR_PORT = 8080;

    /** The {@code vault} user and group of the official image (the chart's defaults). */
    static final long UID = 100;

    static final long GID = 1000;
    static final String HEALTH = "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204";

    public VaultComponent() {
        super(NAME, Layer.CONTROLLERS, "vault", VaultSettings.class, CHARTS, "vault");
    }

    @Override
    protected String title() {
        return "Vault";
    }

    /** An app with secrets or a database password reads them from Vault. */
    @Override
    protected List<String> claims(AppConfig app) {
        return !app.uses().secrets().isEmpty() || app.uses().database() != null
                ? List.of("uses")
                : List.of();
    }

    @Override
    protected Map<String, Object> values(Context context) {
        VaultSettings vault = settings(context.config());
        ImageRef image = ImageRef.of(vault.image());
        boolean ha = context.config().cluster().ha();
        String serverConfig =
                """
                ui = true
                disable_mlock = true
                listener "tcp" {
                  address = "[::]:8200"
                  cluster_address = "[::]:8201"
                  tls_disable = 1
                  telemetry {
                    unauthenticated_metrics_access = true
                  }
                }
                telemetry {
                  prometheus_retention_time = "24h"
                  disable_hostname = true
                }
                """
                        + (ha ? VaultStorage.haStanza(NAME) : VaultStorage.stanza())
                        + VaultSeal.stanza(vault.seal());
        Map<String, Object> security =
                Map.of(
                        "pod", PodSecurity.restrictedPodValues(UID, GID),
                        "container", PodSecurity.restrictedContainerValues(UID, GID));
        Map<String, Object> injector = new TreeMap<>();
        injector.put("enabled", true);
        // two injectors on an HA cluster: the webhook every injected pod's creation calls
        injector.put("replicas", ha ? 2 : 1);
        if (ha) {
            injector.put("podDisruptionBudget", Map.of("maxUnavailable", 1));
        }
        injector.put("agentImage", Map.of("repository", image.repository(), "tag", image.tag()));
        injector.put(
                "agentDefaults",
                Map.of(
                        "cpuRequest",
                        "50m",
                        "cpuLimit",
                        "250m",
                        "memRequest",
                        "64Mi",
                        "memLimit",
                        "128Mi"));
        injector.put(
                "resources",
                Map.of(
                        "requests",
                        Map.of("cpu", "50m", "memory", "64Mi"),
                        "limits",
                        Map.of("cpu", "250m", "memory", "128Mi")));
        injector.put("securityContext", security);
        Map<String, Object> server = new TreeMap<>();
        server.put("image", Map.of("repository", image.repository(), "tag", image.tag()));
        Map<String, Object> resources = Workloads.resourceValues(vault.resources());
        server.put("resources", resources);
        if (vault.seal() != null) {
            server.put("extraSecretEnvironmentVars", VaultSeal.tokenEnv(vault.seal()));
        }
        server.put(
                "extraInitContainers",
                List.of(VaultStorage.migrateContainer(image, resources, UID, GID)));
        if (ha) {
            // three members, one per node (the chart's required anti-affinity), a budget that
            // keeps the quorum (the chart's: one member down at a time)
            server.put("standalone", Map.of("enabled", false));
            server.put(
                    "ha",
                    Map.of(
                            "enabled",
                            true,
                            "replicas",
                            VaultStorage.HA_REPLICAS,
                            "disruptionBudget",
                            Map.of("enabled", true, "maxUnavailable", 1),
                            "raft",
                            Map.of(
                                    "enabled", true,
                                    "setNodeId", true,
                                    "config", serverConfig)));
        } else {
            server.put("standalone", Map.of("enabled", true, "config", serverConfig));
            server.put("ha", Map.of("enabled", false));
        }
        server.put(
                "dataStorage",
                Map.of(
                        "enabled",
                        true,
                        "size",
                        vault.storage(),
                        "storageClass",
                        context.config().cluster().storageClass(),
                        "accessMode",
                        "ReadWriteOnce"));
        server.put("auditStorage", Map.of("enabled", false));
        server.put("readinessProbe", Map.of("enabled", true, "path", HEALTH));
        server.put("statefulSet", Map.of("securityContext", security));
        if (context.scraped()) {
            Map<String, String> scrape =
                    new TreeMap<>(Workloads.scrapeAnnotations(8200, "/v1/sys/metrics"));
            scrape.put("prometheus.io/param_format", "prometheus");
            server.put("annotations", scrape);
        }
        return Map.of(
                "global", Map.of("enabled", true),
                "injector", injector,
                "server", server,
                "csi", Map.of("enabled", false),
                "ui", Map.of("enabled", true));
    }

    /**
     * Vault reads the API server (Kubernetes auth); the API server calls the injector's webhook
     * from the host.
     */
    @Override
    public List<Edge> edges(Context context) {
        List<Edge> edges =
                new java.util.ArrayList<>(
                        List.of(
                                new Edge(NAME, Edge.API_SERVER, 443),
                                new Edge(NAME, Edge.API_SERVER, 6443),
                                new Edge(Edge.ANYWHERE, NAME, INJECTOR_PORT)));
        if (context.scraped()) {
            edges.add(new Edge("prometheus", NAME, VaultInjection.VAULT_PORT));
        }
        VaultSettings.Seal seal = settings(context.config()).seal();
        if (seal != null) {
            // the other Vault that unseals this one, wherever it runs
            edges.add(new Edge(NAME, Edge.ANYWHERE, VaultSeal.port(seal)));
        }
        if (context.config().cluster().ha()) {
            // the raft members: joining through the API, then raft and forwarding on the cluster
            // port
            edges.add(new Edge(NAME, NAME, VaultInjection.VAULT_PORT));
            edges.add(new Edge(NAME, NAME, CLUSTER_PORT));
        }
        return edges;
    }

    /** Its telemetry endpoint, readable without a token on the listener; sealed is critical. */
    @Override
    public io.neotool.gitops.monitoring.Monitoring monitoring(Context context) {
        return VaultMonitoring.of(context);
    }

    /** Its initialisation script, once the config names the operators who hold the shares. */
    @Override
    public Map<String, String> operatorFiles(Context context) {
        VaultSettings vault = settings(context.config());
        VaultSettings.Unseal unseal = vault.unseal();
        return unseal == null ? Map.of() : VaultInit.files(context, unseal, vault.seal() != null);
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("vault", "vault-agent-injector-svc");
    }
}
