package io.neotool.gitops.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schemas by group, kind and version, in the layout of the flux-schema catalog: {@code
 * {group}/{kind}_{version}.json}, {@code core/} for the core group, kind in lower case. The
 * location is a folder, or an https URL whose files are cached on disk after the first download.
 */
public final class SchemaCatalog {
    private final String location;
    private final @Nullable Path cache;

    /**
     * The Kubernetes OpenAPI extensions the schemas carry ({@code x-kubernetes-*}) and OpenAPI's
     * {@code example} (the operators' CRDs have them): annotations for the API server's merge
     * logic, nothing to validate; declared so the validator knows them.
     */
    static final List<String> KUBERNETES_KEYWORDS =
            List.of(
                    "x-kubernetes-list-type",
                    "x-kubernetes-list-map-keys",
                    "x-kubernetes-map-type",
                    "x-kubernetes-patch-strategy",
                    "x-kubernetes-patch-merge-key",
                    "x-kubernetes-unions",
                    "x-kubernetes-group-version-kind",
                    "x-kubernetes-int-or-string",
                    "x-kubernetes-preserve-unknown-fields",
                    "x-kubernetes-embedded-resource",
                    "x-kubernetes-validations",
                    "example");

    private final SchemaRegistry registry =
            SchemaRegistry.withDefaultDialect(
                    Dialect.builder(Dialects.getDraft7())
                            .keywords(
                                    KUBERNETES_KEYWORDS.stream()
                                            .map(NonValidationKeyword::new)
                                            .toList())
                            .build());
    private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    /**
     * The schemas compiled in this JVM, by file and its stamp (a folder's file: its modification
     * time and size), shared by every catalog: compiling the Deployment schema costs more than
     * validating a thousand Deployments, and one Maven build may validate several times (generate,
     * then validate).
     */
    private static final Map<String, Optional<Schema>> COMPILED = new ConcurrentHashMap<>();

    private SchemaCatalog(String location, @Nullable Path cache) {
        this.location = location;
        this.cache = cache;
    }

    /** A catalog at {@code location}: a folder, or an https URL cached under {@code cacheDir}. */
    public static SchemaCatalog at(String location, Path cacheDir) {
        if (location.startsWith("https://")) {
            String base = location.endsWith("/") ? location : location + "/";
            String key = Integer.toHexString(base.hashCode());
            return new SchemaCatalog(base, cacheDir.resolve(key));
        }
        Path folder = Path.of(location);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(
                    "no schema catalog folder at "
                            + folder.toAbsolutePath()
                            + " (expected {group}/{kind}_{version}.json files)");
        }
        return new SchemaCatalog(folder.toAbsolutePath().toString(), null);
    }

    public String location() {
        return location;
    }

    /** The relative file of a kind's schema in the catalog. */
    public static String file(String group, String kind, String version) {
        return group + "/" + kind.toLowerCase(Locale.ROOT) + "_" + version + ".json";
    }

    /** The schema of the kind, if the catalog has one. */
    public Optional<Schema> schema(String group, String kind, String version) {
        return schemas.computeIfAbsent(
                file(group, kind, version),
                relative -> COMPILED.computeIfAbsent(stamp(relative), k -> load(relative)));
    }

    /** What identifies a schema file's content: its path with, in a folder, its time and size. */
    private String stamp(String relative) {
        if (cache != null) {
            return location + relative;
        }
        Path file = Path.of(location).resolve(relative);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return file + "|" + attributes.lastModifiedTime().toMillis() + "|" + attributes.size();
        } catch (IOException e) {
            return file + "|absent";
        }
    }

    /** Validates {@code object}; empty when valid. */
    public @Nullable List<Error> validate(Schema schema, JsonNode object) {
        return schema.validate(object);
    }

    private Optional<Schema> load(String relative) {
        try {
            String text = read(relative);
            return text == null ? Optional.empty() : Optional.of(registry.getSchema(text));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read schema " + relative + " from " + location, e);
        }
    }

    private @Nullable String read(String relative) throws IOException {
        if (cache == null) {
            Path file = Path.of(location).resolve(relative);
            return Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8)
                    : null;
        }
        Path cached = cache.resolve(relative);
        Path missing = cache.resolve(relative + ".missing");
        if (Files.isRegularFile(cached)) {
            return Files.readString(cached, StandardCharsets.UTF_8);
        }
        if (Files.exists(missing)) {
            return null;
        }
        HttpClient client =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(location + relative))
                        .timeout(Duration.ofSeconds(60))
                        .build();
        try {
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            Files.createDirectories(cached.getParent());
            if (response.statusCode() == 404) {
                Files.createFile(missing);
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IOException(
                        "HTTP " + response.statusCode() + " for " + location + relative);
            }
            Path temp = Files.createTempFile(cached.getParent(), "schema", ".tmp");
            try (InputStream body = response.body()) {
                Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(
                    temp,
                    cached,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return Files.readString(cached, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + relative, e);
        }
    }
}
