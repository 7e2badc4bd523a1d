package io.neotool.gitops.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart fetch against a repository served on 127.0.0.1: a Helm repository (index.yaml with the
 * archive's digest) and an OCI registry that asks for an anonymous bearer token, as ghcr.io does.
 */
class ChartFetcherTest {
    @TempDir Path work;
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    requests.incrementAndGet();
                    String path = exchange.getRequestURI().getPath();
                    byte[] body = served.get(path);
                    if (path.contains("/manifests/")
                            && !exchange.getRequestHeaders()
                                    .getOrDefault("Authorization", List.of())
                                    .contains("Bearer t0ken")) {
                        exchange.getResponseHeaders()
                                .add(
                                        "WWW-Authenticate",
                                        "Bearer realm=\"http://127.0.0.1:"
                                                + server.getAddress().getPort()
                                                + "/token\",service=\"local\",scope=\"repository:charts/demo:pull\"");
                        exchange.sendResponseHeaders(401, -1);
                    } else if (body == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                    }
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A chart archive as helm package writes it: demo/Chart.yaml, demo/values.yaml, a subchart. */
    static byte[] chart() throws IOException {
        ByteArrayOutputStream sub = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(sub))) {
            add(tar, "db/Chart.yaml", "name: db\nversion: 1.0.0\n");
            add(tar, "db/values.yaml", "size: 1Gi\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar =
                new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            add(tar, "demo/Chart.yaml", "name: demo\nversion: 0.1.0\n");
            add(tar, "demo/values.yaml", "replicas: 1\n");
            add(tar, "demo/templates/deployment.yaml", "kind: Deployment\n");
            add(tar, "demo/charts/db-1.0.0.tgz", sub.toByteArray());
        }
        return out.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, String text)
            throws IOException {
        add(tar, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] bytes)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private void index(String digest) {
        served.put(
                "/repo/index.yaml",
                ("apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 0.2.0\n"
                                + "    urls: [demo-0.2.0.tgz]\n    digest: 00\n"
                                + "  - name: demo\n    version: 0.1.0\n"
                                + "    urls: [charts/demo-0.1.0.tgz]\n    digest: "
                                + digest
                                + "\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHelmRepositoryChartIsFetchedByItsIndexDigestCheckedAndUnpackedWithItsSubcharts()
            throws Exception {
        byte[] archive = chart();
        served.put("/repo/charts/demo-0.1.0.tgz", archive);
        index(ChartFetcher.sha256(archive));
        Path target = work.resolve("cache/demo-0.1.0.tgz");

        new ChartFetcher().fetch(base() + "/repo", "demo", "0.1.0", target);

        assertThat(target).hasBinaryContent(archive);
        Path folder = work.resolve("data");
        ChartData.unpack(new ByteArrayInputStream(archive), folder);
        assertThat(folder.resolve("Chart.yaml")).hasContent("name: demo\nversion: 0.1.0");
        assertThat(folder.resolve("values.yaml")).exists();
        assertThat(folder.resolve("templates")).doesNotExist();
        assertThat(folder.resolve("charts/db/values.yaml")).hasContent("size: 1Gi");
    }

    @Test
    void anArchiveWhoseDigestIsNotTheIndexsIsRefusedAndNotKept() throws Exception {
        served.put("/repo/charts/demo-0.1.0.tgz", chart());
        index(ChartFetcher.sha256("something else".getBytes(StandardCharsets.UTF_8)));
        Path target = work.resolve("cache/demo-0.1.0.tgz");

        assertThatThrownBy(
                        () -> new ChartFetcher().fetch(base() + "/repo", "demo", "0.1.0", target))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the sha256:");
        assertThat(target).doesNotExist();
        assertThat(Files.exists(work.resolve("cache"))).isFalse();
    }

    @Test
    void aVersionTheRepositoryDoesNotHaveOrNoRepositoryIsUnavailableNotAFailure() {
        index("00");
        assertThatThrownBy(
                        () ->
                                new ChartFetcher()
                                        .fetch(
                                                base() + "/repo",
                                                "demo",
                                                "9.9.9",
                                                work.resolve("x.tgz")))
                .isInstanceOf(ChartFetcher.Unavailable.class)
                .hasMessageContaining("has no demo 9.9.9");
        server.stop(0);
        assertThatThrownBy(
                        () ->
                                new ChartFetcher()
                                        .fetch(
                                                base() + "/repo",
                                                "demo",
                                                "0.1.0",
                                                work.resolve("x.tgz")))
                .isInstanceOf(ChartFetcher.Unavailable.class);
    }

    @Test
    void anOciChartIsFetchedWithAnAnonymousTokenAndItsLayerDigest() throws Exception {
        byte[] archive = chart();
        String digest = "sha256:" + ChartFetcher.sha256(archive);
        served.put("/token", "{\"token\":\"t0ken\"}".getBytes(StandardCharsets.UTF_8));
        served.put(
                "/v2/charts/demo/manifests/0.1.0",
                ("{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\""
                                + ChartFetcher.HELM_LAYER
                                + "\",\"digest\":\""
                                + digest
                                + "\",\"size\":"
                                + archive.length
                                + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
        served.put("/v2/charts/demo/blobs/" + digest, archive);
        Path target = work.resolve("cache/demo-0.1.0.tgz");

        new ChartFetcher("http")
                .fetch(
                        "oci://127.0.0.1:" + server.getAddress().getPort() + "/charts/demo",
                        "demo",
                        "0.1.0",
                        target);

        assertThat(target).hasBinaryContent(archive);
        assertThat(requests.get()).as("manifest (401), token, manifest, blob").isEqualTo(4);
    }
}
