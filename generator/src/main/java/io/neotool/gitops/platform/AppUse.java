package io.neotool.gitops.platform;

import io.neotool.gitops.config.VaultRef;
import java.util.List;
import java.util.Map;

/**
 * What an app gets from one component it {@code uses}: the env that points it there, the Vault
 * secrets its pod needs for it (file name to reference) and the network paths it opens.
 */
public record AppUse(Map<String, String> env, Map<String, VaultRef> secrets, List<Edge> edges) {
    public static final AppUse NONE = new AppUse(Map.of(), Map.of(), List.of());

    /** Env and one edge from the app to {@code service:port}, no secret. */
    public static AppUse of(String app, Map<String, String> env, String service, int port) {
        return new AppUse(env, Map.of(), List.of(new Edge(app, service, port)));
    }
}
