package io.neotool.gitops.charts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Fetches a pinned chart from its own repository, as {@code helm pull} does: a Helm repository's
 * {@code index.yaml} gives the archive's URL and SHA-256 digest; an OCI reference's manifest gives
 * the chart layer's digest (anonymous bearer token when the registry asks for one). The archive is
 * kept only when its digest matches.
 */
final class ChartFetcher {
    static final String HELM_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final Pattern CHALLENGE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
    private final String ociScheme;

    ChartFetcher() {
        this("https");
    }

    /** {@code ociScheme} {@code http} talks plain HTTP to an OCI registry (helm's --plain-http). */
    ChartFetcher(String ociScheme) {
        this.ociScheme = ociScheme;
    }

    /** The repository could not be read: offline, or the chart is not there. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Fetches {@code chart} at {@code version} from {@code source} (https:// repository or oci://
     * reference) into {@code target}; a digest that does not match throws {@link
     * IllegalStateException} and leaves {@code target} absent.
     */
    void fetch(String source, String chart, String version, Path target) throws Unavailable {
        try {
            Download download =
                    source.startsWith("oci://")
                            ? fromOci(source, version)
                            : fromIndex(source, chart, version);
            byte[] archive = get(download.url(), download.headers());
            String actual = sha256(archive);
            if (!actual.equals(download.sha256())) {
                throw new IllegalStateException(
                        chart
                                + " "
                                + version
                                + " from "
                                + download.url()
                                + ": digest sha256:"
                                + actual
                                + " is not the sha256:"
                                + download.sha256()
                                + " its repository publishes; not kept");
            }
            Files.createDirectories(target.getParent());
            Path partial =
                    Files.createTempFile(
                            target.getParent(), target.getFileName().toString(), ".part");
            Files.write(partial, archive);
            Files.move(
                    partial,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new Unavailable(source + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(source + ": interrupted");
        }
    }

    /** Where the archive is, its published digest, and the headers a download needs. */
    private record Download(String url, String sha256, Map<String, String> headers) {}

    private Download fromIndex(String repository, String chart, String version)
            throws IOException, InterruptedException, Unavailable {
        String base = repository.endsWith("/") ? repository : repository + "/";
        JsonNode index = YAMLMapper.builder().build().readTree(get(base + "index.yaml", Map.of()));
        for (JsonNode entry : index.path("entries").path(chart)) {
            if (entry.path("version").asString("").equals(version)) {
                String url = entry.path("urls").path(0).asString("");
                String digest = entry.path("digest").asString("");
                if (url.isEmpty() || digest.isEmpty()) {
                    throw new Unavailable(
                            base
                                    + "index.yaml: "
                                    + chart
                                    + " "
                                    + version
                                    + " has no url or digest");
                }
                return new Download(URI.create(base).resolve(url).toString(), digest, Map.of());
            }
        }
        throw new Unavailable(base + "index.yaml has no " + chart + " " + version);
    }

    private Download fromOci(String reference, String version)
            throws IOException, InterruptedException, Unavailable {
        String rest = reference.substring("oci://".length());
        String host = rest.substring(0, rest.indexOf('/'));
        String repository = rest.substring(host.length() + 1);
        String registry = ociScheme + "://" + host + "/v2/" + repository;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.oci.image.manifest.v1+json");
        HttpResponse<byte[]> manifest = send(registry + "/manifests/" + version, headers);
        if (manifest.statusCode() == 401) {
            headers.put("Authorization", "Bearer " + token(manifest));
            manifest = send(registry + "/manifests/" + version, headers);
        }
        if (manifest.statusCode() != 200) {
            throw new Unavailable(
                    registry + "/manifests/" + version + ": HTTP " + manifest.statusCode());
        }
        for (JsonNode layer : new JsonMapper().readTree(manifest.body()).path("layers")) {
            if (layer.path("mediaType").asString("").equals(HELM_LAYER)) {
                String digest = layer.path("digest").asString("");
                if (!digest.startsWith("sha256:")) {
                    throw new Unavailable("chart layer digest " + digest + " is not sha256");
                }
                headers.remove("Accept");
                return new Download(registry + "/blobs/" + digest, digest.substring(7), headers);
            }
        }
        throw new Unavailable(reference + ":" + version + " has no Helm chart layer");
    }

    /** An anonymous pull token, from the realm the registry's challenge names. */
    private String token(HttpResponse<byte[]> challenge)
            throws IOException, InterruptedException, Unavailable {
        String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.remove("realm");
        if (realm == null) {
            throw new Unavailable(
                    "the registry asks for a login, not an anonymous token: " + header);
        }
        StringBuilder url = new StringBuilder(realm);
        char sep = realm.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(sep)
                    .append(p.getKey())
                    .append('=')
                    .append(
                            java.net.URLEncoder.encode(
                                    p.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            sep = '&';
        }
        JsonNode token = new JsonMapper().readTree(get(url.toString(), Map.of()));
        String value = token.path("token").asString(token.path("access_token").asString(""));
        if (value.isEmpty()) {
            throw new Unavailable(realm + " gave no token");
        }
        return value;
    }

    private byte[] get(String url, Map<String, String> headers)
            throws IOException, InterruptedException, Unavailable {
        HttpResponse<byte[]> response = send(url, headers);
        if (response.statusCode() != 200) {
            throw new Unavailable(url + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<byte[]> send(String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
