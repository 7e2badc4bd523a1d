package io.neotool.gitops.component;

import io.neotool.gitops.config.EnvironmentConfig;
import io.neotool.gitops.config.ImageRef;
import io.neotool.gitops.config.InfrastructureConfig;
import java.util.Map;

/**
 * Vault, standalone on file storage, with its agent injector: the injector's webhook is how every
 * other workload receives its secrets, so Vault lives in the controllers layer. A new Vault is
 * sealed until a person initializes and unseals it, so Helm does not wait for it to be ready.
 */
public final class VaultComponent extends HelmComponent {
    @Override public String name() { return "vault"; }
    @Override public Layer layer() { return Layer.CONTROLLERS; }
    @Override public String configPath() { return "infrastructure.vault"; }
    @Override public ChartSource source() { return ChartSource.HASHICORP; }
    @Override public String chart() { return "vault"; }
    @Override protected InfrastructureConfig.Vault settings(EnvironmentConfig c) { return c.infrastructure().vault(); }
    @Override protected boolean waitForReady() { return false; }


    @Override
    protected Map<String, Object> values(Context context) {
        InfrastructureConfig.Vault vault = settings(context.config());
        ImageRef image = ImageRef.of(vault.image());
        String serverConfig = String.join("\n",
                "ui = true",
                "disable_mlock = true",
                "listener \"tcp\" {",
                "  address = \"[::]:8200\"",
                "  cluster_address = \"[::]:8201\"",
                "  tls_disable = 1",
                "}",
                "storage \"file\" {",
                "  path = \"/vault/data\"",
                "}",
                "");
        return Map.of(
                "global", Map.of("enabled", true),
                "injector", Map.of(
                        "enabled", true,
                        "replicas", 1,
                        "agentImage", Map.of("repository", image.repository(), "tag", image.tag()),
                        "agentDefaults", Map.of("cpuRequest", "50m", "cpuLimit", "250m", "memRequest", "64Mi", "memLimit", "128Mi"),
                        "resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"),
                                "limits", Map.of("cpu", "250m", "memory", "128Mi"))),
                "server", Map.of(
                        "image", Map.of("repository", image.repository(), "tag", image.tag()),
                        "resources", Workloads.resourceValues(vault.resources()),
                        "standalone", Map.of("enabled", true, "config", serverConfig),
                        "ha", Map.of("enabled", false),
                        "dataStorage", Map.of("enabled", true, "size", vault.storage(),
                                "storageClass", context.config().cluster().storageClass(), "accessMode", "ReadWriteOnce"),
                        "auditStorage", Map.of("enabled", false)),
                "ui", Map.of("enabled", true));
    }
}
