package io.neotool.gitops;

import io.neotool.gitops.config.ComponentSettings;
import io.neotool.gitops.config.ConfigProblem;
import io.neotool.gitops.config.InfrastructureConfig;
import io.neotool.gitops.config.LoadedConfig;
import io.neotool.gitops.config.VaultRef;
import io.neotool.gitops.wiring.VaultRoles;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Vault secret a cluster reads, found in its config: the KV v2 path, the key, and the config
 * line that names it, for the secrets the cluster's workloads actually read (a disabled component's
 * are left out). Checked against a live Vault before a merge, so that no pod waits for a secret
 * nobody wrote; and written out as the {@code vault kv put} lines an operator fills in.
 */
public final class Secrets {
    private Secrets() {}

    /** One key of one secret, and where the config names it. */
    public record Reference(
            String cluster, String path, String key, String file, int line, String configPath) {
        /** The path as the {@code vault kv} commands take it (without KV v2's {@code data/}). */
        public String kvPath() {
            int data = path.indexOf("/data/");
            return data < 0 ? path : path.substring(0, data) + path.substring(data + 5);
        }
    }

    /** The secrets the cluster of {@code config} reads, in path and key order. */
    public static List<Reference> of(LoadedConfig config) {
        java.util.NavigableSet<String> read = new TreeSet<>();
        VaultRoles.of(config.config()).values().forEach(read::addAll);
        Map<String, VaultRef> refs = new LinkedHashMap<>();
        collect(config.config(), "", refs);
        Map<String, Reference> out = new TreeMap<>();
        String cluster = config.config().cluster().name();
        refs.forEach(
                (configPath, ref) -> {
                    if (read.contains(ref.path())) {
                        ConfigProblem at = config.sourceMap().problem(configPath, "", null);
                        out.putIfAbsent(
                                ref.path() + "\0" + ref.key(),
                                new Reference(
                                        cluster,
                                        ref.path(),
                                        ref.key(),
                                        at.file(),
                                        at.line(),
                                        configPath));
                    }
                });
        return List.copyOf(out.values());
    }

    /** Every {@link VaultRef} under {@code node}, by its key path in the config. */
    private static void collect(Object node, String path, Map<String, VaultRef> out) {
        if (node instanceof VaultRef ref) {
            out.put(path, ref);
        } else if (node instanceof InfrastructureConfig infrastructure) {
            for (Map.Entry<String, ComponentSettings> e : infrastructure.components().entrySet()) {
                collect(e.getValue(), join(path, e.getKey()), out);
            }
        } else if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collect(item, path + "[" + i++ + "]", out);
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, join(path, String.valueOf(k)), out));
        } else if (node != null && node.getClass().isRecord()) {
            for (RecordComponent c : node.getClass().getRecordComponents()) {
                try {
                    collect(c.getAccessor().invoke(node), join(path, c.getName()), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + join(path, c.getName()), e);
                }
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * The references a live Vault does not hold, each with why (no such secret, or no such key in
     * it). Reads {@code <address>/v1/<path>} with {@code token}; any answer but 200 or 404 fails.
     */
    public static Map<Reference, String> missing(
            List<Reference> references, URI address, String token) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> secrets = new TreeMap<>();
        Map<Reference, String> missing = new LinkedHashMap<>();
        for (Reference ref : references) {
            if (!secrets.containsKey(ref.path())) {
                HttpRequest request =
                        HttpRequest.newBuilder(address.resolve("/v1/" + ref.path()))
                                .header("X-Vault-Token", token)
                                .timeout(Duration.ofSeconds(30))
                                .build();
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading " + ref.path(), e);
                }
                if (response.statusCode() == 404) {
                    secrets.put(ref.path(), json.nullNode());
                } else if (response.statusCode() == 200) {
                    secrets.put(
                            ref.path(), json.readTree(response.body()).path("data").path("data"));
                } else {
                    throw new IOException(
                            "Vault answered "
                                    + response.statusCode()
                                    + " for "
                                    + ref.path()
                                    + " (is the token allowed to read it?)");
                }
            }
            JsonNode data = secrets.get(ref.path());
            if (data.isNull()) {
                missing.put(ref, "no secret at " + ref.path());
            } else if (!data.has(ref.key())) {
                missing.put(ref, "secret " + ref.path() + " has no key '" + ref.key() + "'");
            }
        }
        return missing;
    }

    /** The {@code vault kv put} lines that write every secret, keys named and values left out. */
    public static String skeleton(List<Reference> references) {
        Map<String, java.util.NavigableSet<String>> keys = new TreeMap<>();
        for (Reference ref : references) {
            keys.computeIfAbsent(ref.kvPath(), k -> new TreeSet<>()).add(ref.key());
        }
        StringBuilder out = new StringBuilder();
        keys.forEach(
                (path, names) -> {
                    out.append("vault kv put ").append(path);
                    names.forEach(k -> out.append(' ').append(k).append("=''"));
                    out.append('\n');
                });
        return out.toString();
    }

    /** One line per reference: path, key, and the config line that names it. */
    public static String list(List<Reference> references) {
        StringBuilder out = new StringBuilder();
        for (Reference ref : references) {
            out.append(
                    String.format(
                            "%s  %s  %s:%d %s%n",
                            ref.path(), ref.key(), ref.file(), ref.line(), ref.configPath()));
        }
        return out.toString();
    }

    static List<Reference> all(List<LoadedConfig> configs) {
        List<Reference> out = new ArrayList<>();
        configs.forEach(c -> out.addAll(of(c)));
        return out;
    }
}
