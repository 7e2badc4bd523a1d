package io.neotool.gitops.components.vault;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.neotool.gitops.config.ClusterConfig;
import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigRules;
import io.neotool.gitops.config.Pods;
import io.neotool.gitops.config.Resources;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Vault server (standalone, integrated storage) with its agent injector. */
@JsonClassDescription(
        "Vault, the only holder of secrets: the server (integrated storage, raft, on one volume, standalone) and the agent injector that renders secrets into pods.")
public record VaultSettings(
        Boolean enabled,
        @JsonProperty(required = true) String chartVersion,
        @JsonProperty(required = true) String image,
        @JsonProperty(required = true) String storage,
        @JsonProperty(required = true) Resources resources,
        @JsonPropertyDescription(
                        "Who holds Vault's unseal key shares: each operator's OpenPGP public key, which vault-init.sh (in the cluster folder) encrypts one share to, so no share is ever printed in clear. Leave it out until the operators' keys are known: the runbook then says to add them before Vault is initialised.")
                @Nullable Unseal unseal,
        @JsonPropertyDescription(
                        "Auto-unseal: Vault unseals itself at every start through another Vault's transit engine, instead of operators' key shares (Shamir, the default when this is left out). The operators' shares become recovery keys.")
                @Nullable Seal seal)
        implements ComponentSettings.Chart, ComponentSettings.Storage {

    /** How Vault unseals itself: the transit engine of another Vault. */
    @JsonClassDescription(
            "Auto-unseal through the transit engine of another Vault (HashiCorp's seal \"transit\").")
    public record Seal(
            @JsonPropertyDescription("The transit seal.") @JsonProperty(required = true)
                    Transit transit) {}

    /** The other Vault's transit key that wraps this Vault's root key. */
    @JsonClassDescription("The other Vault's transit key that encrypts this Vault's root key.")
    public record Transit(
            @JsonPropertyDescription(
                            "The other Vault's address, https (e.g. https://vault.ops.example.org:8200).")
                    @JsonProperty(required = true)
                    String address,
            @JsonPropertyDescription("The transit key's name in the other Vault.")
                    @JsonProperty(required = true)
                    String keyName,
            @JsonPropertyDescription("Where the transit engine is mounted there. Default transit/.")
                    String mountPath,
            @JsonPropertyDescription(
                            "The Kubernetes Secret, created by hand in the namespace (never in Git), whose key 'token' holds a token of the other Vault allowed to encrypt and decrypt with the key.")
                    @JsonProperty(required = true)
                    String tokenSecret) {
        public Transit {
            mountPath = mountPath == null ? "transit/" : mountPath;
        }
    }

    /** The key shares of Vault's initialisation: one per operator, {@code threshold} to unseal. */
    @JsonClassDescription(
            "Vault's initialisation: one unseal key share per operator, encrypted to the operator's OpenPGP key; threshold of them unseal Vault; the root token encrypted to one operator's key.")
    public record Unseal(
            @JsonPropertyDescription(
                            "How many shares unseal Vault: 1 with a single operator, otherwise 2 or more and at most the number of operators.")
                    @JsonProperty(required = true)
                    Integer threshold,
            @JsonPropertyDescription(
                            "The operators, in share order: share i of vault-init.sh's response belongs to the i-th.")
                    @JsonProperty(required = true)
                    List<Operator> operators,
            @JsonPropertyDescription(
                            "The operator whose key the initial root token is encrypted to (used once, for the policies script, then revoked).")
                    @JsonProperty(required = true)
                    String rootToken) {}

    /** An operator who holds one key share. */
    @JsonClassDescription("An operator who holds one unseal key share.")
    public record Operator(
            @JsonPropertyDescription("The operator's name, as the runbook lists the shares.")
                    @JsonProperty(required = true)
                    String name,
            @JsonPropertyDescription(
                            "The operator's OpenPGP public key, ASCII-armoured (gpg --armor --export <id>), with a key that can encrypt. Public: never a private key.")
                    @JsonProperty(required = true)
                    String pgpKey) {}

    @Override
    public void validate(ConfigRules rules, String path) {
        if (seal != null) {
            String at = path + ".seal.transit";
            Transit t = seal.transit();
            rules.check(
                    t.address().matches("^https?://[^\\s/@]+(:\\d+)?/?$"),
                    at + ".address",
                    "'" + t.address() + "' is not a Vault address",
                    "for example https://vault.ops.example.org:8200");
            rules.check(
                    t.keyName().matches("^[A-Za-z0-9_.-]+$"),
                    at + ".keyName",
                    "'" + t.keyName() + "' is not a transit key name",
                    null);
            rules.dnsLabel(at + ".tokenSecret", t.tokenSecret());
        }
        if (unseal == null) {
            return;
        }
        String at = path + ".unseal";
        int shares = unseal.operators().size();
        rules.check(shares > 0, at + ".operators", "names no operator", null);
        int threshold = unseal.threshold();
        rules.check(
                threshold >= 1 && threshold <= Math.max(shares, 1),
                at + ".threshold",
                threshold + " shares cannot unseal: there are " + shares + " operators",
                "between 1 and the number of operators");
        rules.check(
                shares <= 1 || threshold >= 2,
                at + ".threshold",
                "Vault refuses a threshold of 1 with more than one share",
                "2 or more, so that no single operator can unseal Vault alone");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < shares; i++) {
            Operator operator = unseal.operators().get(i);
            String item = at + ".operators[" + i + "]";
            rules.check(
                    names.add(operator.name()),
                    item + ".name",
                    "'" + operator.name() + "' holds a share already",
                    "one entry per operator");
            String problem = OperatorKey.problem(operator.pgpKey());
            rules.check(
                    problem == null,
                    item + ".pgpKey",
                    problem == null ? "" : problem,
                    "the output of gpg --armor --export <the operator's key id>");
        }
        rules.check(
                names.contains(unseal.rootToken()),
                at + ".rootToken",
                "'" + unseal.rootToken() + "' is not one of the operators",
                "the name of one of unseal.operators");
    }

    /** Three raft members on three nodes, one otherwise. */
    @Override
    public java.util.List<Pods> pods(ClusterConfig cluster) {
        return java.util.List.of(Pods.of("", cluster.ha() ? 3 : 1, resources()));
    }
}
