package io.neotool.gitops.components.vault;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Vault's seal: Shamir's key shares by default (nothing in the config, operators unseal); or
 * auto-unseal through another Vault's transit engine, whose token the server reads from a
 * Kubernetes Secret created by hand (the chart's {@code extraSecretEnvironmentVars}), never from
 * Git. With auto-unseal the operators' shares are recovery keys.
 */
final class VaultSeal {
    /** The Secret's key that holds the transit token. */
    static final String TOKEN_KEY = "token";

    private VaultSeal() {}

    /** The server config's seal stanza, or nothing for Shamir. */
    static String stanza(VaultSettings.@Nullable Seal seal) {
        if (seal == null) {
            return "";
        }
        VaultSettings.Transit t = seal.transit();
        return "seal \"transit\" {\n"
                + "  address = \""
                + t.address()
                + "\"\n  key_name = \""
                + t.keyName()
                + "\"\n  mount_path = \""
                + t.mountPath()
                + "\"\n}\n";
    }

    /** The transit token as the server's {@code VAULT_TOKEN}, from the hand-made Secret. */
    static List<Map<String, String>> tokenEnv(VaultSettings.Seal seal) {
        return List.of(
                Map.of(
                        "envName",
                        "VAULT_TOKEN",
                        "secretName",
                        seal.transit().tokenSecret(),
                        "secretKey",
                        TOKEN_KEY));
    }

    /** The other Vault's port: the address's, or the scheme's. */
    static int port(VaultSettings.Seal seal) {
        URI uri = URI.create(seal.transit().address());
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "http".equals(uri.getScheme()) ? 80 : 443;
    }
}
