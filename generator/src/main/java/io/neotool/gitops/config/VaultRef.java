package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A secret held by Vault: the KV v2 path as the agent reads it (for example {@code
 * secret/data/postgres/superuser}) and the key inside it. Never a value.
 */
public record VaultRef(
        @JsonPropertyDescription(
                        "KV v2 path of the secret as the API names it, secret/data/<path> (write it with vault kv put secret/<path> …).")
                @JsonProperty(required = true)
                String path,
        @JsonPropertyDescription("Key inside the secret whose value is used.")
                @JsonProperty(required = true)
                String key) {

    /** The Vault agent template that renders just this key into a file. */
    public String agentTemplate() {
        return "{{- with secret \"" + path + "\" -}}{{ .Data.data." + key + " }}{{- end }}";
    }
}
