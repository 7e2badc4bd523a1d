package io.neotool.gitops.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A secret held by Vault: the KV v2 path as the agent reads it (for example {@code
 * secret/data/postgres/superuser}) and the key inside it. Never a value.
 */
public record VaultRef(
        @JsonProperty(required = true) String path, @JsonProperty(required = true) String key) {

    /** The Vault agent template that renders just this key into a file. */
    public String agentTemplate() {
        return "{{- with secret \"" + path + "\" -}}{{ .Data.data." + key + " }}{{- end }}";
    }
}
