package io.neotool.gitops.platform;

import io.neotool.gitops.config.VaultRef;
import java.util.Map;

/**
 * What an app gets from what it {@code uses}: the env that points it at each component (sorted) and
 * the Vault secrets it reads (file name to reference).
 */
public record AppWiring(Map<String, String> env, Map<String, VaultRef> secrets) {}
