package io.hiraku.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hiraku.publish.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A preview of the published folder over HTTP, as a static host would serve it: {@code /} is
 * {@code index.html}, a folder URL serves its {@code index.html}, files get their media type.
 * Every answer allows any origin ({@code Access-Control-Allow-Origin: *}, and preflights are answered), as
 * the README asks of a bucket or CDN: everything published is public, and a developer's web page on another
 * origin must be able to fetch the data. The JDK's own server: nothing to install, and it binds to the
 * configured host only (127.0.0.1).
 */
public final class StaticSiteServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("ttl", "text/turtle; charset=utf-8"),
            Map.entry("nt", "application/n-triples"), Map.entry("jsonld", "application/ld+json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("atom", "application/atom+xml"),
            Map.entry("gz", "application/gzip"), Map.entry("rdf", "application/rdf+xml"),
            Map.entry("xml", "application/xml"), Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path root;
    private final HttpServer server;
    private final LocalObjectStore store;

    public StaticSiteServer(Path root, String host, int port) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.store = new LocalObjectStore(this.root);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
    }

    public StaticSiteServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                // a preflight (a fetch with a Range or other header): what a bucket's CORS rule allows
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "*");
                exchange.getResponseHeaders().set("Access-Control-Max-Age", "86400");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "method not allowed");
                return;
            }
            String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root)) {
                send(exchange, 404, "not found");
                return;
            }
            if (Files.isDirectory(file)) {
                if (!path.endsWith("/")) {
                    exchange.getResponseHeaders().set("Location", path + "/");
                    exchange.sendResponseHeaders(301, -1);
                    return;
                }
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file) || file.getFileName().toString().startsWith(".")) {
                send(exchange, 404, "not found");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType(file));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
            if (!head) {
                try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    /** The media type the object was stored with (as S3 would serve it), else the one of its extension. */
    private String contentType(Path file) throws IOException {
        String key = root.relativize(file).toString().replace('\\', '/');
        java.util.Optional<String> stored = store.describe(key).map(io.hiraku.publish.ObjectStore.StoredObject::contentType);
        if (stored.isPresent() && stored.get() != null) {
            return stored.get();
        }
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return TYPES.getOrDefault(ext, "text/plain; charset=utf-8");
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
