package io.neotool.gitops.component;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.SettingsKey;
import io.neotool.gitops.config.VaultSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vault, standalone on file storage, with its agent injector: the injector's webhook is how every
 * other workload receives its secrets, so Vault lives in the controllers layer and the releases it
 * injects wait for it. A new Vault is sealed until a person initializes and unseals it; its
 * readiness probe asks {@code /v1/sys/health} to count a sealed or uninitialized server as ready,
 * so that Helm can wait for the release (above all for the injector) without waiting for a person.
 */
public final class VaultComponent extends HelmComponent {
    static final String NAME = "vault";

    /** The {@code vault} user and group of the official image (the chart's defaults). */
    static final long UID = 100;

    static final long GID = 1000;
    static final String HEALTH = "/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Layer layer() {
        return Layer.CONTROLLERS;
    }

    @Override
    public SettingsKey<VaultSettings> settingsKey() {
        return new SettingsKey<>("vault", VaultSettings.class);
    }

    @Override
    public ChartSource source() {
        return ChartSource.HASHICORP;
    }

    @Override
    public String chart() {
        return "vault";
    }

    @Override
    protected VaultSettings settings(EnvironmentConfig c) {
        return c.infrastructure().require(VaultSettings.class);
    }

    @Override
    protected Map<String, Object> values(Context context) {
        VaultSettings vault = settings(context.config());
        ImageRef image = ImageRef.of(vault.image());
        String serverConfig =
                """
                ui = true
                disable_mlock = true
                listener "tcp" {
                  address = "[::]:8200"
                  cluster_address = "[::]:8201"
                  tls_disable = 1
                }
                storage "file" {
                  path = "/vault/data"
                }
                """;
        Map<String, Object> security =
                Map.of(
                        "pod", PodSecurity.restrictedPodValues(UID, GID),
                        "container", PodSecurity.restrictedContainerValues(UID, GID));
        Map<String, Object> injector = new TreeMap<>();
        injector.put("enabled", true);
        injector.put("replicas", 1);
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
        server.put("resources", Workloads.resourceValues(vault.resources()));
        server.put("standalone", Map.of("enabled", true, "config", serverConfig));
        server.put("ha", Map.of("enabled", false));
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
    public List<NetworkGraph.Edge> edges(Context context) {
        return List.of(
                new NetworkGraph.Edge(NAME, NetworkGraph.API_SERVER, 443),
                new NetworkGraph.Edge(NAME, NetworkGraph.API_SERVER, 6443),
                new NetworkGraph.Edge(
                        NetworkGraph.ANYWHERE, NAME, NetworkGraph.VAULT_INJECTOR_PORT));
    }

    @Override
    public java.util.Set<String> takenNames() {
        return java.util.Set.of("vault", "vault-agent-injector-svc");
    }
}
