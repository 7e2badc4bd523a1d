package io.neotool.gitops.platform;

import io.neotool.gitops.config.VaultRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a pod needs to get its secrets from the Vault agent injector: the annotations naming each
 * secret file, and the projected token volume the agent authenticates with.
 */
public final class VaultInjection {
    private VaultInjection() {}

    /**
     * The injector annotation naming the pod volume that holds the agent's ServiceAccount token.
     */
    public static final String TOKEN_VOLUME_ANNOTATION =
            "vault.hashicorp.com/agent-service-account-token-volume-name";

    /** Name of the projected token volume the Vault agent authenticates with. */
    public static final String VAULT_TOKEN_VOLUME = "vault-token";

    /**
     * The audience of the agent's token, which every Kubernetes auth role requires: a token made
     * for Vault is refused by the API server, and a Vault role refuses the pod's API token.
     */
    public static final String AUDIENCE = "vault";

    /** The Vault release and Service every injected agent logs in to. */
    public static final String VAULT = "vault";

    /** The port of Vault's API, which every injected agent reaches. */
    public static final int VAULT_PORT = 8200;

    public static io.fabric8.kubernetes.api.model.Volume emptyDir(String name) {
        return new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .endEmptyDir()
                .build();
    }

    /**
     * A short-lived service-account token for the Vault agent only, with Vault as its audience: the
     * pod mounts no API token ({@code automountServiceAccountToken: false}) and the injector gives
     * this volume to its agent.
     */
    public static io.fabric8.kubernetes.api.model.Volume vaultTokenVolume() {
        return new io.fabric8.kubernetes.api.model.VolumeBuilder()
                .withName(VAULT_TOKEN_VOLUME)
                .withNewProjected()
                .addNewSource()
                .withNewServiceAccountToken()
                .withPath("token")
                .withAudience(AUDIENCE)
                .withExpirationSeconds(3600L)
                .endServiceAccountToken()
                .endSource()
                .endProjected()
                .build();
    }

    /**
     * The Vault agent's token volume as a chart's pod-volume value (charts take volumes as plain
     * maps).
     */
    public static Object vaultTokenVolumeValue() {
        return java.util.Objects.requireNonNull(
                io.neotool.gitops.render.CanonicalYaml.tree(vaultTokenVolume()));
    }

    /**
     * Vault agent injector annotations: the pod authenticates with the Kubernetes auth role {@code
     * role} and finds each secret as the file {@code /vault/secrets/<file>}.
     *
     * @param secrets file name to Vault reference, in a stable order
     * @param initOnly render once before start and run no sidecar (Jobs)
     */
    public static Map<String, String> vaultAnnotations(
            String role, Map<String, VaultRef> secrets, boolean initOnly) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("vault.hashicorp.com/agent-inject", "true");
        annotations.put("vault.hashicorp.com/role", role);
        annotations.put(TOKEN_VOLUME_ANNOTATION, VAULT_TOKEN_VOLUME);
        // Secrets must exist before any other init container runs (the backup's dump needs them).
        annotations.put("vault.hashicorp.com/agent-init-first", "true");
        if (initOnly) {
            annotations.put("vault.hashicorp.com/agent-pre-populate-only", "true");
        }
        secrets.forEach(
                (file, ref) -> {
                    annotations.put("vault.hashicorp.com/agent-inject-secret-" + file, ref.path());
                    annotations.put(
                            "vault.hashicorp.com/agent-inject-template-" + file,
                            ref.agentTemplate());
                });
        return annotations;
    }
}
