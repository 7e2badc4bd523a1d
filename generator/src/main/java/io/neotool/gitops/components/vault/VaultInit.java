package io.neotool.gitops.components.vault;

import io.neotool.gitops.platform.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code clusters/<cluster>/vault-init.sh}: Vault's initialisation as one checked request ({@code
 * PUT /v1/sys/init}) with the key shares encrypted to the operators' OpenPGP keys from the config,
 * so that no share or root token is printed in clear. It refuses a Vault that is initialised.
 */
final class VaultInit {
    static final String FILE = "vault-init.sh";

    /** The width of a key's lines in the script, as in ASCII armour. */
    private static final int LINE = 64;

    private VaultInit() {}

    static Map<String, String> files(
            Context context, VaultSettings.Unseal unseal, boolean autoUnseal) {
        List<Map<String, Object>> operators = new ArrayList<>();
        int rootIndex = 0;
        for (VaultSettings.Operator operator : unseal.operators()) {
            OperatorKey key = OperatorKey.of(operator.pgpKey());
            if (operator.name().equals(unseal.rootToken())) {
                rootIndex = operators.size();
            }
            List<String> lines = new ArrayList<>();
            for (int at = 0; at < key.base64().length(); at += LINE) {
                lines.add(key.base64().substring(at, Math.min(at + LINE, key.base64().length())));
            }
            operators.add(
                    Map.of(
                            "name", operator.name(),
                            "fingerprint", key.fingerprint(),
                            "lines", lines));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("cluster", context.cluster());
        model.put("namespace", context.namespace());
        model.put("threshold", unseal.threshold());
        model.put("rootToken", unseal.rootToken());
        model.put("rootIndex", rootIndex);
        model.put("operators", operators);
        // with auto-unseal the shares are recovery keys: Vault opens itself, they authorise
        // what needs a quorum of operators (a new root token, a seal migration)
        model.put("shares", autoUnseal ? "recovery" : "secret");
        return Map.of(FILE, context.templates().render("vault-init.sh.ftl", model));
    }
}
