package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSiteServerTest {
    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePublishedFolderOnLoopbackOnly() throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>カタログ</h1>");
        Files.createDirectories(root.resolve("datasets/a"));
        Files.writeString(root.resolve("datasets/a/index.html"), "dataset a");
        Files.writeString(root.resolve("datasets/a/a.csv"), "id\n1\n");
        Files.writeString(root.resolve("secret.txt"), "outside");
        Path site = Files.createDirectories(root.resolve("site"));
        Files.writeString(site.resolve("index.html"), "site");
        try (StaticSiteServer server = new StaticSiteServer(root, "127.0.0.1", 0).start()) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            HttpResponse<String> index = get(server, "/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("カタログ");
            assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            HttpResponse<String> csv = get(server, "/datasets/a/a.csv");
            assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
            assertThat(csv.body()).isEqualTo("id\n1\n");
            assertThat(get(server, "/datasets/a").statusCode()).isEqualTo(301);
            assertThat(get(server, "/datasets/a/").body()).isEqualTo("dataset a");
            assertThat(get(server, "/site/../../etc/passwd").statusCode()).isEqualTo(404);
            assertThat(get(server, "/%2e%2e/%2e%2e/etc/passwd").statusCode()).isEqualTo(404);
            assertThat(get(server, "/missing.csv").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void anObjectIsServedWithTheMediaTypeItWasStoredWith() throws Exception {
        Path file = Files.writeString(root.resolve("upload.tmp"), "{\"success\": true}");
        new io.hiraku.publish.LocalObjectStore(root).put("api/3/action/package_show/aed", file,
                io.hiraku.publish.ObjectInfo.changing("application/json"));
        try (StaticSiteServer server = new StaticSiteServer(root, "127.0.0.1", 0).start()) {
            HttpResponse<String> show = get(server, "/api/3/action/package_show/aed");
            assertThat(show.statusCode()).isEqualTo(200);
            assertThat(show.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(show.body()).isEqualTo("{\"success\": true}");
        }
    }

    @Test
    void anyOriginMayFetchTheDataAsFromABucketWithTheReadmesCorsRule() throws Exception {
        Files.writeString(root.resolve("a.json"), "[]");
        try (StaticSiteServer server = new StaticSiteServer(root, "127.0.0.1", 0).start()) {
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.url() + "a.json"))
                    .header("Origin", "https://app.example.org").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.url() + "a.json"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.org").header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "range").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("*");
            // and nothing else is allowed
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(server.url() + "a.json"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(405);
            assertThat(Files.readString(root.resolve("a.json"))).isEqualTo("[]");
        }
    }

    private HttpResponse<String> get(StaticSiteServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
